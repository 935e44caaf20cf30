export interface PickedFile {
  file: File;
  /** Path under artifacts/, keeping the folder structure of a dropped folder. */
  relPath: string;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries answers in batches (100 in Chromium) until it returns an empty one. */
async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), relPath: entry.fullPath.replace(/^\/+/, "") });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/**
 * Files and whole folders from a drop. The entries must be taken synchronously inside the drop
 * handler (the DataTransfer is emptied afterwards), so call this before any await.
 */
export function droppedFiles(dt: DataTransfer): Promise<PickedFile[]> {
  const items = Array.from(dt.items).filter((i) => i.kind === "file");
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
  const plain = items.map((i) => i.getAsFile());
  const fallback = Array.from(dt.files);
  return (async () => {
    const out: PickedFile[] = [];
    if (items.length === 0) {
      for (const f of fallback) out.push({ file: f, relPath: f.name });
      return out;
    }
    for (let i = 0; i < items.length; i++) {
      const entry = entries[i];
      if (entry) await walk(entry, out);
      else {
        const f = plain[i];
        if (f) out.push({ file: f, relPath: f.name });
      }
    }
    return out;
  })();
}

/** From the "Add files" / "Add folder" inputs; a folder pick carries webkitRelativePath. */
export function pickedFiles(list: FileList): PickedFile[] {
  return Array.from(list).map((file) => ({ file, relPath: file.webkitRelativePath || file.name }));
}
