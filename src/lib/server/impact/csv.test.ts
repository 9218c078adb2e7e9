import { describe, expect, it } from 'vitest';
import { csvField, customersCsv, customersFileName } from './csv.ts';

describe('customers CSV', () => {
  it('has a header and one id per CRLF line', () => {
    expect(customersCsv(['c1', 'c2'])).toBe('customer_id\r\nc1\r\nc2\r\n');
    expect(customersCsv([])).toBe('customer_id\r\n');
  });
  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });
  it('names the file after the plan without letting the id break the header', () => {
    expect(customersFileName('p-1')).toBe('customers-p-1.csv');
    expect(customersFileName('a"b\r\nc')).toBe('customers-a_b__c.csv');
  });
});
