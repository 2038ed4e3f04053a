/** Page geometry and type sizes of every document (points; A4 with IHK-style margins: 2.5 cm left, 2 cm right). */
const cm = 72 / 2.54;

export const page = {
  width: 595.28,
  height: 841.89,
  marginLeft: 2.5 * cm,
  marginRight: 2 * cm,
  marginTop: 2.6 * cm,
  marginBottom: 2.3 * cm,
};

export const type = {
  body: 10.5,
  small: 8.5,
  table: 8.8,
  code: 7.8,
  h1: 16,
  h2: 12.5,
  h3: 11,
  header: 8,
  lineGap: 2.6,
};

export const ink = {
  text: '#1a1a1a',
  muted: '#5b6470',
  rule: '#b9c0c8',
  tableHead: '#e8ecf1',
  tableZebra: '#f6f8fa',
  codeBg: '#f2f4f7',
  accent: '#0b5cad',
  pending: '#8a5300',
  pendingBg: '#fdf3e1',
  warning: '#b3261e',
  warningBg: '#fbeaea',
  noteBg: '#eaf2fb',
};
