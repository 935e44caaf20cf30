// The browser face's folder picker: folders under the user's home and the workspace, and which are projects.
import { z } from "zod";

export const ListFoldersInput = z.object({
  /** Absolute folder to list; omitted: the workspace folder. Must lie under one of the roots. */
  path: z.string().min(1).optional(),
});

export const FolderEntry = z.object({ name: z.string(), path: z.string(), isProject: z.boolean() });
export type FolderEntry = z.infer<typeof FolderEntry>;

export const FolderListing = z.object({
  path: z.string(),
  /** The folder above, while it is still inside a root; null at a root. */
  parent: z.string().nullable(),
  isProject: z.boolean(),
  /** Empty folders can take a new project as they are; others get one in a new subfolder. */
  isEmpty: z.boolean(),
  roots: z.array(z.object({ label: z.string(), path: z.string() })),
  entries: z.array(FolderEntry),
});
export type FolderListing = z.infer<typeof FolderListing>;
