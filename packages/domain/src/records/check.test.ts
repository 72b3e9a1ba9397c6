import { RECORD_CONTENT_TYPES, RECORD_MAX_BYTES, type RecordContentType } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { checkUpload, HEIF_BRANDS, matchesContentType } from './check';
import { newRecordId, parseRecordObjectKey, recordObjectKey } from './objects';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

/** An ISO-BMFF file's start: a 24-byte ftyp box with this major brand and `mif1` compatible. */
const ftyp = (brand: string) =>
  Uint8Array.from([0x00, 0x00, 0x00, 0x18, ...ascii('ftyp'), ...ascii(brand), 0, 0, 0, 0, ...ascii('mif1')]);

const HEADS: Record<RecordContentType, Uint8Array> = {
  'application/pdf': ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'),
  'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00),
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48),
  'image/heic': ftyp('heic'),
};

describe('magic bytes', () => {
  it.each(RECORD_CONTENT_TYPES.map((type) => ({ type })))(
    'recognises a $type by its first bytes',
    ({ type }) => {
      expect(matchesContentType(type, HEADS[type])).toBe(true);
    },
  );

  it('tells every declared type from the others', () => {
    for (const declared of RECORD_CONTENT_TYPES) {
      for (const actual of RECORD_CONTENT_TYPES) {
        expect(matchesContentType(declared, HEADS[actual]), `${actual} declared ${declared}`).toBe(
          declared === actual,
        );
      }
    }
  });

  it.each(HEIF_BRANDS.map((brand) => ({ brand })))(
    'takes $brand as the major brand of a HEIC',
    ({ brand }) => {
      expect(matchesContentType('image/heic', ftyp(brand))).toBe(true);
    },
  );

  it('refuses an ISO-BMFF file of another brand (AVIF, MP4) even with mif1 among its compatible brands', () => {
    expect(matchesContentType('image/heic', ftyp('avif'))).toBe(false);
    expect(matchesContentType('image/heic', ftyp('isom'))).toBe(false);
  });

  it('refuses an ftyp box anywhere but at offset 4', () => {
    const shifted = Uint8Array.from([0x00, ...ftyp('heic')]);

    expect(matchesContentType('image/heic', shifted)).toBe(false);
  });

  it('refuses a signature cut short, and nothing at all', () => {
    expect(matchesContentType('image/png', HEADS['image/png'].subarray(0, 7))).toBe(false);
    expect(matchesContentType('application/pdf', ascii('%PDF'))).toBe(false);
    expect(matchesContentType('image/heic', ftyp('heic').subarray(0, 10))).toBe(false);
    for (const type of RECORD_CONTENT_TYPES) expect(matchesContentType(type, new Uint8Array())).toBe(false);
  });

  it('does not take text that merely mentions a signature for the file', () => {
    expect(matchesContentType('application/pdf', ascii(' %PDF-1.4'))).toBe(false);
    expect(matchesContentType('application/pdf', ascii('<html>%PDF-'))).toBe(false);
  });
});

describe('the verdict on an upload', () => {
  it('accepts the declared type within the size', () => {
    expect(checkUpload({ contentType: 'image/png', size: 1234, head: HEADS['image/png'] })).toEqual({
      ok: true,
    });
    expect(
      checkUpload({ contentType: 'application/pdf', size: RECORD_MAX_BYTES, head: HEADS['application/pdf'] }),
    ).toEqual({ ok: true });
  });

  it('rejects a PDF declared as a PNG as a type mismatch', () => {
    expect(checkUpload({ contentType: 'image/png', size: 1234, head: HEADS['application/pdf'] })).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
  });

  it('rejects a file one byte over 20 MiB as too large, whatever its bytes', () => {
    expect(
      checkUpload({
        contentType: 'application/pdf',
        size: RECORD_MAX_BYTES + 1,
        head: HEADS['application/pdf'],
      }),
    ).toEqual({ ok: false, reason: 'too_large' });
  });

  it('rejects an empty file as a type mismatch', () => {
    expect(checkUpload({ contentType: 'image/jpeg', size: 0, head: new Uint8Array() })).toEqual({
      ok: false,
      reason: 'type_mismatch',
    });
  });
});

describe('object keys and ids', () => {
  it('keys an object by owner and record, and reads both back', () => {
    const key = recordObjectKey('tourist-aigerim', 'rec-0abc-12');

    expect(key).toBe('tourist/tourist-aigerim/rec-0abc-12');
    expect(parseRecordObjectKey(key)).toEqual({ ownerId: 'tourist-aigerim', recordId: 'rec-0abc-12' });
  });

  it('reads nothing from a key no record has', () => {
    for (const key of [
      'tourist/x',
      'other/x/rec-1',
      'tourist/x/rec-1/extra',
      'tourist//rec-1',
      'tourist/x/REC',
    ]) {
      expect(parseRecordObjectKey(key), key).toBeUndefined();
    }
  });

  it('makes ids that sort by the time they were made', () => {
    const earlier = newRecordId(new Date('2027-01-01T00:00:00Z'), 'ffff');
    const later = newRecordId(new Date('2027-01-01T00:00:01Z'), '0000');

    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(/^rec-[0-9a-z]{9}-ffff$/);
  });
});
