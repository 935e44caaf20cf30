import { describe, expect, it } from "vitest";
import { exampleBody, instanceFields } from "./instance-example";

const template = `from pydantic import BaseModel


class Instance(BaseModel):
    """One object over which inference can be performed.

    Field order matters for text/csv requests.
    """

    field1: str
    field2: float
`;

describe("instance example", () => {
  it("gives the template's own example for the template's Instance", () => {
    const fields = instanceFields(template)!;
    expect(JSON.parse(exampleBody(fields, "application/json")!)).toEqual({ instances: [{ field1: "asdf", field2: 1.2 }] });
    expect(exampleBody(fields, "text/csv")).toBe("asdf,1.2");
    expect(exampleBody(fields, "application/jsonlines")).toBe('{"field1":"asdf","field2":1.2}');
  });

  it("follows defaults, lists, Optional, Literal and nested models; stops at methods", () => {
    const src = `from typing import List, Optional, Literal
class Box(BaseModel):
    w: int
class Instance(BaseModel):
    """Docs.

    Note: not a field.
    """
    text: str = "hello"  # a comment
    scores: List[float]
    lang: Optional[Literal["en", "de"]]
    box: Box
    limit: int | None = None
    _private: int = 3

    def helper(self) -> int:
        x: int = 5
`;
    expect(Object.fromEntries(instanceFields(src)!)).toEqual({ text: "hello", scores: [1.2], lang: "en", box: { w: 1 }, limit: 1 });
  });

  it("gives up on types it cannot invent a value for", () => {
    expect(instanceFields("class Instance(BaseModel):\n    image: np.ndarray\n")).toBeNull();
    expect(instanceFields("class Other:\n    a: int\n")).toBeNull();
  });
});
