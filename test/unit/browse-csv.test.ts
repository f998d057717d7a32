// The browse page's "Download this table": RFC 4180 quoting, and no cell a spreadsheet would run
// as a formula, while numbers (negative ones too) stay numbers.
import { csvValue, toCsv } from '../../explorer/src/browse';

describe('the browse CSV', () => {
  it('turns a text that starts like a formula into plain text, and leaves numbers alone', () => {
    expect(csvValue('=HYPERLINK("http://example.org")')).toBe('\'=HYPERLINK("http://example.org")');
    expect(csvValue('+1 more')).toBe("'+1 more");
    expect(csvValue('-a')).toBe("'-a");
    expect(csvValue('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvValue(['ok', '=1+1'])).toBe("ok; '=1+1");
    expect(csvValue(-3.5)).toBe('-3.5');
    expect(csvValue('Degenerative disc disease')).toBe('Degenerative disc disease');
    expect(csvValue(null)).toBe('');
  });

  it('quotes what needs quoting and ends lines in CRLF', () => {
    const csv = toCsv(['note'], [{ id: 'a:1', name: 'Comma, here', note: 'say "hi"' }]);
    expect(csv).toBe('id,name,note\r\na:1,"Comma, here","say ""hi"""\r\n');
  });
});
