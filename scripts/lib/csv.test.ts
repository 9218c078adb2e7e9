import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, escaped quotes and newlines', () => {
    expect(parseCsv('label,text\r\n1,"好吃, ""很快""\n送到了"\n0,差\n')).toEqual([
      ['label', 'text'],
      ['1', '好吃, "很快"\n送到了'],
      ['0', '差']
    ]);
  });
  it('ignores a BOM and a missing final newline', () => {
    expect(parseCsv('\ufefftimestamp,value\n2015-01-01 00:00:00,3')).toEqual([
      ['timestamp', 'value'],
      ['2015-01-01 00:00:00', '3']
    ]);
  });
});
