import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBusEvent } from './envelope';
import { DETAIL_TYPES } from './events';
import { examplePath, generatedFiles, jsonSchemaOf } from './generate';

const EVENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkedIn = (folder: string) =>
  readdirSync(join(EVENTS_DIR, folder)).map((name) => `${folder}/${name}`);

describe('generated event files', () => {
  it('are checked in exactly as the schemas generate them: run `npm run events:generate` if this fails', () => {
    const files = generatedFiles();

    expect([...checkedIn('schemas'), ...checkedIn('examples')].sort()).toEqual(
      files.map((f) => f.path).sort(),
    );
    for (const file of files) {
      const onDisk: unknown = JSON.parse(readFileSync(join(EVENTS_DIR, file.path), 'utf8'));
      expect(onDisk, `${file.path} is stale`).toEqual(file.content);
    }
  });

  it('give every example as a consumer parses it', () => {
    for (const type of DETAIL_TYPES) {
      const example: unknown = JSON.parse(readFileSync(join(EVENTS_DIR, examplePath(type)), 'utf8'));

      expect(parseBusEvent(example)['detail-type']).toBe(type);
    }
  });

  it('describe the whole EventBridge event, open to fields added within a version', () => {
    const schema = jsonSchemaOf('BookingRequested') as {
      properties: Record<string, { const?: unknown; properties?: Record<string, unknown> }>;
      required: string[];
      additionalProperties?: unknown;
    };

    expect(schema.properties['detail-type']?.const).toBe('BookingRequested');
    expect(schema.properties.source?.const).toBe('shifa.booking');
    expect(Object.keys(schema.properties.detail?.properties ?? {})).toContain('decisionDeadline');
    expect(schema.required).toEqual(expect.arrayContaining(['detail', 'detail-type', 'source', 'time']));
    expect(schema.additionalProperties).toBeUndefined();
  });

  it('never put a traveller’s health notes or the tourist’s contact in a schema', () => {
    const all = JSON.stringify(generatedFiles());

    expect(all).not.toMatch(/healthNotes"|"text"|"email"|"contact"|"touristId"/);
  });
});

describe('parseBusEvent', () => {
  it('refuses an event of an unknown detail-type, or whose detail breaks its schema', () => {
    const example = JSON.parse(readFileSync(join(EVENTS_DIR, examplePath('BookingExpired')), 'utf8')) as {
      detail: Record<string, unknown>;
    };

    expect(() => parseBusEvent({ ...example, 'detail-type': 'BookingTeleported' })).toThrow();
    expect(() => parseBusEvent({ ...example, detail: { ...example.detail, holdExpiresAt: 'soon' } })).toThrow(
      /holdExpiresAt/,
    );
  });
});
