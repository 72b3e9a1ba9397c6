import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { checkWebhookUrl } from './endpoint';

const strict = { allowHttpLocalhost: false };
const local = { allowHttpLocalhost: true };

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof ValidationError ? error.code : 'unexpected';
  }
};

describe('webhook URLs', () => {
  it('accepts https to a public host, with port, path and query', () => {
    expect(checkWebhookUrl('https://his.xj-tcm.example.cn:8443/shifa/webhook?src=1', strict).host).toBe(
      'his.xj-tcm.example.cn:8443',
    );
  });

  it('refuses plain http to a public host, whatever the setting', () => {
    expect(codeOf(() => checkWebhookUrl('http://his.example.cn/webhook', strict))).toBe(
      'invalid_webhook_url',
    );
    expect(codeOf(() => checkWebhookUrl('http://his.example.cn/webhook', local))).toBe('invalid_webhook_url');
  });

  it('accepts http://localhost and http://127.0.0.1 only when the local setting is on', () => {
    for (const url of ['http://localhost:4000/hook', 'http://127.0.0.1:4000/hook']) {
      expect(codeOf(() => checkWebhookUrl(url, strict))).toBe('invalid_webhook_url');
      expect(checkWebhookUrl(url, local).protocol).toBe('http:');
    }
  });

  it('refuses private, loopback, link-local and internal hosts over https', () => {
    for (const url of [
      'https://10.0.0.8/hook',
      'https://172.20.1.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://127.0.0.1/hook',
      'https://2130706433/hook',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://metadata.google.internal/hook',
    ]) {
      expect(
        codeOf(() => checkWebhookUrl(url, strict)),
        url,
      ).toBe('invalid_webhook_url');
    }
    expect(checkWebhookUrl('https://8.8.8.8/hook', strict).hostname).toBe('8.8.8.8');
  });

  it('refuses other schemes, credentials, fragments and non-URLs', () => {
    for (const url of [
      'ftp://his.example.cn/',
      'https://user:pass@his.example.cn/',
      'https://his.example.cn/#x',
      'his.example.cn/webhook',
    ]) {
      expect(
        codeOf(() => checkWebhookUrl(url, strict)),
        url,
      ).toBe('invalid_webhook_url');
    }
  });

  it('says which field is wrong', () => {
    try {
      checkWebhookUrl('http://his.example.cn/', strict);
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).details).toEqual([
        { path: 'url', message: expect.stringContaining('https') },
      ]);
    }
  });
});
