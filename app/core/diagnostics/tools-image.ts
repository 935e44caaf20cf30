// The Python tools image (ruff, mypy, the server's pydantic) diagnostics and the field table's writer run in, built once per content.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile, copyFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import tar from "tar-fs";
import { StagemakerError } from "../../contract";

export const TOOLS_REPOSITORY = "stagemaker-tools/python";

/**
 * Not the project's image: diagnostics must answer before the first build, so this image holds
 * only what a check needs, from the project's own pins (requirements-dev.txt for ruff and mypy,
 * server/requirements.txt for pydantic, so types are checked against the real Instance/Prediction
 * models). The user's own requirements are left out (mypy ignores their missing imports) to keep
 * one image shared by every project with the same pins.
 */
const DOCKERFILE = `FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \\
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PYTHONPATH=/opt/program
COPY certs/ /tmp/certs/
RUN set -eux; echo 'Acquire::Retries "3";' >/etc/apt/apt.conf.d/80-retries; apt-get update; \\
    apt-get install -y --no-install-recommends python3 python3-venv ca-certificates; rm -rf /var/lib/apt/lists/*; \\
    for c in /tmp/certs/*.crt; do [ -e "$c" ] && cp "$c" /usr/local/share/ca-certificates/; done; update-ca-certificates >/dev/null
COPY requirements-dev.txt server-requirements.txt /tmp/
RUN python3 -m venv /opt/venv && pip install -r /tmp/requirements-dev.txt -r /tmp/server-requirements.txt
COPY diagnostics.py /opt/stagemaker/diagnostics.py
COPY model_writer.py python_text.py table_rules.py /opt/stagemaker/tools/
RUN touch /opt/stagemaker/tools/__init__.py
WORKDIR /opt/program
`;

export interface ToolsImageSources {
  projectDir: string;
  /** Where a file missing from an older project is taken from. */
  templateDir: string;
  extraCaCertsPath?: string;
  /** Proxy and package-index build args from the user's settings. */
  buildArgs?: Record<string, string>;
}

async function readEither(projectDir: string, templateDir: string, rel: string): Promise<string> {
  return readFile(join(projectDir, rel), "utf8").catch(() => readFile(join(templateDir, rel), "utf8"));
}

/** The image's tag: a hash of everything that goes into it, so equal pins share one image. */
export async function toolsImageTag(src: ToolsImageSources): Promise<{ tag: string; files: Record<string, string> }> {
  const files = {
    Dockerfile: DOCKERFILE,
    "requirements-dev.txt": await readEither(src.projectDir, src.templateDir, "requirements-dev.txt"),
    "server-requirements.txt": await readEither(src.projectDir, src.templateDir, "server/requirements.txt"),
    "diagnostics.py": await readFile(join(src.templateDir, "tools/diagnostics.py"), "utf8"),
    // The field table's writer (schemas/model-writer.ts runs it here): the app's copy, like diagnostics.py.
    "model_writer.py": await readFile(join(src.templateDir, "tools/model_writer.py"), "utf8"),
    "python_text.py": await readFile(join(src.templateDir, "tools/python_text.py"), "utf8"),
    "table_rules.py": await readFile(join(src.templateDir, "tools/table_rules.py"), "utf8"),
  };
  const hash = createHash("sha256").update(JSON.stringify(files)).digest("hex").slice(0, 16);
  return { tag: `${TOOLS_REPOSITORY}:${hash}`, files };
}

/** Builds the tools image unless an image with this content's tag exists. */
export async function ensureToolsImage(docker: Docker, src: ToolsImageSources, signal?: AbortSignal): Promise<string> {
  const { tag, files } = await toolsImageTag(src);
  const exists = await docker
    .getImage(tag)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (exists) return tag;
  const dir = await mkdtemp(join(tmpdir(), "stagemaker-tools-"));
  try {
    await mkdir(join(dir, "certs"));
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
    if (src.extraCaCertsPath) await copyFile(src.extraCaCertsPath, join(dir, "certs", "extra-ca.crt"));
    else await writeFile(join(dir, "certs", "none.txt"), "");
    const response = await docker.buildImage(
      tar.pack(dir) as unknown as NodeJS.ReadableStream,
      { t: tag, rm: true, forcerm: true, buildargs: src.buildArgs ?? {}, abortSignal: signal } as Docker.ImageBuildOptions,
    );
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        response,
        (err, out: Array<{ error?: string; stream?: string }>) => {
          const failure = err?.message ?? out?.find((m) => m.error)?.error;
          if (failure)
            reject(
              new StagemakerError(
                "build-failed",
                `Could not build the Python tools image (for diagnostics and the field table's writer): ${failure}`,
                {
                  message: failure,
                  lastLines: lines.slice(-20),
                },
              ),
            );
          else resolve();
        },
        (m: { stream?: string }) => m.stream && lines.push(m.stream.trimEnd()),
      );
    });
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
