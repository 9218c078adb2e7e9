/** RFC 4180 field: quoted when it holds a separator, a quote or a line break. */
export function csvField(v: string): string {
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula; a quote-prefixed cell stays text.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function customersCsv(ids: readonly string[]): string {
  return ['customer_id', ...ids.map(csvField)].join('\r\n') + '\r\n';
}

export function customersFileName(planId: string): string {
  return `customers-${planId.replace(/[^A-Za-z0-9._-]/g, '_')}.csv`;
}
