import { describe, expect, it } from 'vitest';
import { EcbFormatError, parseEcbXml } from './ecb.ts';

/** ECB's file as published (eurofxref-hist.xml's head, newest day first). */
const PUBLISHED = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time="2024-05-17">
\t\t\t<Cube currency="USD" rate="1.0866"/>
\t\t\t<Cube currency="JPY" rate="169.28"/>
\t\t\t<Cube currency="GBP" rate="0.85550"/>
\t\t</Cube>
\t\t<Cube time="2024-05-16">
\t\t\t<Cube currency="USD" rate="1.0867"/>
\t\t\t<Cube currency="JPY" rate="168.53"/>
\t\t\t<Cube currency="GBP" rate="0.85783"/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;

function envelope(cubes: string): string {
  return `<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube>${cubes}</Cube></gesmes:Envelope>`;
}

function refused(xml: string): string {
  try {
    parseEcbXml(xml);
  } catch (e) {
    expect(e).toBeInstanceOf(EcbFormatError);
    return (e as Error).message;
  }
  throw new Error('parsed');
}

describe('parseEcbXml', () => {
  it("reads ECB's published file: every rate by date then currency, exact decimals, the latest day", () => {
    expect(parseEcbXml(PUBLISHED)).toEqual({
      latestDate: '2024-05-17',
      days: 2,
      rows: [
        { date: '2024-05-16', currency: 'GBP', perEur: '0.85783' },
        { date: '2024-05-16', currency: 'JPY', perEur: '168.53' },
        { date: '2024-05-16', currency: 'USD', perEur: '1.0867' },
        { date: '2024-05-17', currency: 'GBP', perEur: '0.8555' },
        { date: '2024-05-17', currency: 'JPY', perEur: '169.28' },
        { date: '2024-05-17', currency: 'USD', perEur: '1.0866' },
      ],
    });
  });

  it('takes single quotes, any attribute order and spacing, CRLF, a BOM, explicit closing tags and a prefix', () => {
    const xml = `\uFEFF<?xml version='1.0'?>\r\n<e:Envelope xmlns:e="x" xmlns:r="y">\r\n<r:Cube>\r\n` +
      `<r:Cube  time = '2001-02-03' >\r\n<r:Cube rate='7.4631' currency='DKK'></r:Cube>\r\n` +
      `<r:Cube\r\n  currency="SEK"\r\n  rate="9.0" />\r\n</r:Cube>\r\n</r:Cube></e:Envelope>\r\n`;
    expect(parseEcbXml(xml).rows).toEqual([
      { date: '2001-02-03', currency: 'DKK', perEur: '7.4631' },
      { date: '2001-02-03', currency: 'SEK', perEur: '9' },
    ]);
  });

  it('skips comments, CDATA, processing instructions and other elements, even with Cubes inside them', () => {
    const xml = envelope(
      `<!-- <Cube time="1999-01-01"><Cube currency="USD" rate="9"/></Cube> -->` +
        `<![CDATA[<Cube currency="XXX" rate="1"/>]]><note>hi</note>` +
        `<Cube time="2024-01-02"><Cube currency="USD" rate="1.0956"/></Cube>`,
    );
    expect(parseEcbXml(xml).rows).toEqual([{ date: '2024-01-02', currency: 'USD', perEur: '1.0956' }]);
  });

  it('writes rates canonically: no leading zeros, no trailing zeros, whole numbers without a point', () => {
    const xml = envelope(`<Cube time="2024-01-02"><Cube currency="HUF" rate="0382.500"/><Cube currency="ISK" rate="150.00"/><Cube currency="KRW" rate="1431"/></Cube>`);
    expect(parseEcbXml(xml).rows.map((r) => r.perEur)).toEqual(['382.5', '150', '1431']);
  });

  it('merges a day given twice when its rates agree, and ignores an empty day', () => {
    const xml = envelope(
      `<Cube time="2024-01-02"><Cube currency="USD" rate="1.0956"/></Cube><Cube time="2024-01-03"/>` +
        `<Cube time="2024-01-02"><Cube currency="USD" rate="1.09560"/><Cube currency="GBP" rate="0.86"/></Cube>` +
        `<Cube time="2024-01-04"></Cube>`,
    );
    expect(parseEcbXml(xml)).toEqual({
      latestDate: '2024-01-02',
      days: 1,
      rows: [
        { date: '2024-01-02', currency: 'GBP', perEur: '0.86' },
        { date: '2024-01-02', currency: 'USD', perEur: '1.0956' },
      ],
    });
  });

  it('leaves the euro out (one euro is one euro) and refuses any other value for it', () => {
    expect(parseEcbXml(envelope(`<Cube time="2024-01-02"><Cube currency="EUR" rate="1.000"/><Cube currency="USD" rate="1.1"/></Cube>`)).rows)
      .toEqual([{ date: '2024-01-02', currency: 'USD', perEur: '1.1' }]);
    expect(refused(envelope(`<Cube time="2024-01-02"><Cube currency="EUR" rate="1.1"/></Cube>`))).toMatch(/one euro is worth 1.1 euros/);
  });

  it.each([
    ['', /not the European Central Bank's reference rates XML/],
    ['<html><body>Service unavailable</body></html>', /not the European Central Bank's reference rates XML/],
    [envelope(''), /The file has no rates/],
    [envelope(`<Cube time="2024-02-30"><Cube currency="USD" rate="1.1"/></Cube>`), /'2024-02-30' is not a date/],
    [envelope(`<Cube time="02/01/2024"><Cube currency="USD" rate="1.1"/></Cube>`), /is not a date/],
    [envelope(`<Cube currency="USD" rate="1.1"/>`), /outside any day/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="usd" rate="1.1"/></Cube>`), /'usd' is not a currency code/],
    [envelope(`<Cube time="2024-01-02"><Cube rate="1.1"/></Cube>`), /'' is not a currency code/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD"/></Cube>`), /USD rate '' is not a positive decimal/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="0"/></Cube>`), /USD rate '0' is not a positive/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="-1.1"/></Cube>`), /USD rate '-1.1'/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="1,1"/></Cube>`), /USD rate '1,1'/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="N/A"/></Cube>`), /USD rate 'N\/A'/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate=".5"/></Cube>`), /USD rate '.5'/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="1.0000000000001"/></Cube>`), /not a positive decimal/],
    [envelope(`<Cube time="2024-01-02"><Cube currency=USD rate=1.1/></Cube>`), /Not a Cube of reference rates/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="1.1"/><Cube currency="USD" rate="1.2"/></Cube>`), /USD has two rates: 1.1 and 1.2/],
    [envelope(`<Cube time="2024-01-02"><Cube time="2024-01-03"></Cube></Cube>`), /inside the day 2024-01-02/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="1.1"/>`), /cut short/],
    [envelope(`<Cube time="2024-01-02"><Cube currency="USD" rate="1.1"/></Cube></Cube></Cube>`), /unbalanced/],
  ])('refuses a file that is not one: %#', (xml, message) => {
    expect(refused(xml)).toMatch(message);
  });

  it('reads a long history in one pass (25 years × 30 currencies)', () => {
    const currencies = Array.from({ length: 30 }, (_, i) => `C${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`);
    const days: string[] = [];
    for (let t = Date.UTC(1999, 0, 4); days.length < 6500; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const xml = envelope(days.reverse().map((d, k) =>
      `<Cube time="${d}">${currencies.map((c, i) => `<Cube currency="${c}" rate="${(1 + ((k * 7 + i) % 1000) / 10000).toFixed(4)}"/>`).join('')}</Cube>`).join('\n'));
    const parsed = parseEcbXml(xml);
    expect(parsed.days).toBe(6500);
    expect(parsed.rows).toHaveLength(6500 * 30);
    expect(parsed.latestDate).toBe(days[0]);
  });
});
