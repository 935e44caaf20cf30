import { describe, expect, it } from "vitest";
import { exitedReason, failureHint, lastExceptionLine, loadFailureReason } from "./failure-reason";

describe("failure reasons and hints", () => {
  it("makes the server's not_ready message one capitalised line", () => {
    expect(loadFailureReason("the predictor failed to load: ValueError: bad\nmore")).toBe("The predictor failed to load: ValueError: bad");
  });

  it("names the exception's last line when the container exits", () => {
    const logs = [
      "Traceback (most recent call last):",
      '  File "x.py", line 1',
      "ModuleNotFoundError: No module named 'torch'",
      "serve: bye",
    ];
    expect(lastExceptionLine(logs)).toBe("ModuleNotFoundError: No module named 'torch'");
    expect(exitedReason(1, false, logs)).toBe("The container exited with code 1: ModuleNotFoundError: No module named 'torch'");
    expect(exitedReason(137, true, logs)).toContain("out of memory");
    expect(exitedReason(3, false, ["plain words"])).toBe("The container exited with code 3 before /ping answered 200.");
  });

  it("suggests numpy<2 for a numpy 1 wheel under numpy 2", () => {
    expect(
      failureHint("The predictor failed to load: ValueError: numpy.dtype size changed, may indicate binary incompatibility.", [], {
        loadFailed: true,
      }),
    ).toContain("`numpy<2`");
    expect(failureHint("x", ["A module that was compiled using NumPy 1.x cannot be run in", "NumPy 2.0.1 as it may crash."])).toContain(
      "numpy<2",
    );
  });

  it("names the cause of this failure, not of an earlier one still in the log", () => {
    const logs = [
      "Traceback (most recent call last):",
      "ValueError: numpy.dtype size changed",
      "serve[1]: SIGHUP: restarting the server",
      "Traceback (most recent call last):",
      "SyntaxError: invalid syntax",
    ];
    expect(
      failureHint("The predictor failed to load: SyntaxError: invalid syntax (predictor.py, line 30)", logs, { loadFailed: true }),
    ).toContain("syntax error");
    expect(failureHint("The container exited with code 1: KeyError: 'x'", logs.slice(0, 2))).toContain("numpy<2");
  });

  it("points at requirements.txt for a missing module, at model/ for a syntax error, and says nothing it does not know", () => {
    expect(failureHint("The predictor failed to load: ModuleNotFoundError: No module named 'sklearn'")).toContain("requirements.txt");
    expect(failureHint("The predictor failed to load: SyntaxError: invalid syntax (predictor.py, line 30)")).toContain("save");
    expect(failureHint("The predictor failed to load: KeyError: 'x'", [], { loadFailed: true })).toContain("traceback");
    expect(failureHint("The container exited with code 3 before /ping answered 200.")).toContain("Restart");
    expect(failureHint("The engine could not start the container: no such image")).toBeUndefined();
  });
});
