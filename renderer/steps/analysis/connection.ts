// The connection form's logic is pure and lives (with its tests) in shared/ssh/connectionForm.ts.
export * from '../../../shared/ssh/connectionForm';
