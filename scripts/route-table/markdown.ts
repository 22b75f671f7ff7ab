// The route table as Markdown, and its place in ARCHITECTURE.md between two markers.
export interface RouteRow {
  method: string;
  path: string;
  routeFile: string | undefined;
  controllerFile: string | undefined;
  handler: string | undefined;
  services: string[];
}

export const START_MARKER = '<!-- routes:start -->';
export const END_MARKER = '<!-- routes:end -->';

export function routeTable(rows: RouteRow[]): string {
  const lines = [
    '| method | URL pattern | route file | controller | handler | services the controller imports |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const cells = [
      row.method,
      code(row.path),
      row.routeFile ? code(row.routeFile) : '?',
      row.controllerFile ? code(row.controllerFile) : '?',
      row.handler ? code(row.handler) : row.controllerFile ? '(inline)' : '?',
      row.services.map(code).join(', ') || '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The document with the text between the markers replaced by the table. */
export function withRouteTable(document: string, table: string): string {
  const start = document.indexOf(START_MARKER);
  const end = document.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`the markers ${START_MARKER} and ${END_MARKER} are missing`);
  return `${document.slice(0, start + START_MARKER.length)}\n${table}${document.slice(end)}`;
}

function code(text: string): string {
  // A pipe would end the cell; Express 5 patterns do not use one, but a table must not break if one does.
  return `\`${text.replaceAll('|', '\\|')}\``;
}
