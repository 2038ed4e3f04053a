/** Test helper: builds collector output in the section format the command prints. */
export function out(parts: Record<string, string | [string, number]>): string {
  return Object.entries(parts)
    .map(([name, v]) => {
      const [text, rc] = typeof v === 'string' ? [v, 0] : v;
      return `@@mhs:begin ${name}\n${text}\n@@mhs:end ${name} ${rc}\n`;
    })
    .join('');
}
