/** Everything the Dokumentation step stores in the project file under `documents` (chapter additions, approved proposal). */
import { z } from 'zod';

export const DocumentsSchema = z.object({});
export type DocumentsSection = z.infer<typeof DocumentsSchema>;
