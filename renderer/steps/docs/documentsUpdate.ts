import { useCallback } from 'react';
import type { DocumentsSection } from '../../../shared/documents/schema';
import { useStore } from '../../store';

/** Changes to project.documents (autosaved like every project change). */
export function useDocumentsUpdate() {
  const updateProject = useStore((s) => s.updateProject);
  return useCallback(
    (change: (d: DocumentsSection) => DocumentsSection) => updateProject((p) => ({ ...p, documents: change(p.documents) })),
    [updateProject],
  );
}
