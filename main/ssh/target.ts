// The target schema lives in shared/ because project files store targets and the renderer edits them.
export * from '../../shared/ssh/target';
