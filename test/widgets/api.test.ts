import { expect } from '@open-wc/testing';
import { createApi, TkApiError, TkNetworkError } from '../../widgets/core/api.js';
import { demoTenant, fakeFetch, json, problem } from './helpers/fake-api.js';

describe('typed API client', () => {
  let fake: ReturnType<typeof fakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('sends the credential, the locale and an Idempotency-Key', async () => {
    fake = fakeFetch(() => json(demoTenant));
    let credential = 'tk_pub_x';
    const api = createApi({ baseUrl: 'https://bff.example/', credential: () => credential, locale: () => 'en' });
    const tenant = await api.tenant();
    expect(tenant.name).to.equal('Demo Reseller');
    const [first] = fake.requests;
    expect(first!.url).to.equal('https://bff.example/v1/tenant');
    expect(first!.headers.get('authorization')).to.equal('Bearer tk_pub_x');
    expect(first!.headers.get('accept-language')).to.equal('en');
    credential = 'tk_ses_y'; // a session replaces the key once there is one
    await api.call((rpc, o) => rpc.v1['api-keys'].$post({ json: { kind: 'publishable', label: '' } }, o), { idempotencyKey: 'k-1' });
    expect(fake.requests[1]!.headers.get('authorization')).to.equal('Bearer tk_ses_y');
    expect(fake.requests[1]!.headers.get('idempotency-key')).to.equal('k-1');
    expect(fake.requests[1]!.method).to.equal('POST');
  });

  it('builds paths, parameters, query and JSON bodies the way hc<BffApp> types them', async () => {
    fake = fakeFetch(() => json({ ok: true }));
    const api = createApi({ baseUrl: 'https://bff.example', credential: () => 'k', locale: () => 'de' });
    const controller = new AbortController();
    await api.call((rpc, o) => rpc.v1['password-setup'].verify.$post({ json: { challengeId: 'c', pin: '123456' } }, o), { signal: controller.signal });
    const [post] = fake.requests;
    expect([post!.method, post!.url, post!.headers.get('content-type'), post!.body]).to.deep.equal([
      'POST',
      'https://bff.example/v1/password-setup/verify',
      'application/json',
      '{"challengeId":"c","pin":"123456"}',
    ]);
    await api.call((rpc, o) => rpc.v1['api-keys'][':id'].$delete({ param: { id: 'a b/c' } }, o));
    expect([fake.requests[1]!.method, fake.requests[1]!.url, fake.requests[1]!.body]).to.deep.equal(['DELETE', 'https://bff.example/v1/api-keys/a%20b%2Fc', undefined]);
    const untyped = api.rpc as unknown as { v1: { tenant: { $get(a: unknown, o: unknown): Promise<Response> } } };
    await untyped.v1.tenant.$get({ query: { a: '1', b: ['2', '3'], c: undefined } }, {});
    expect(fake.requests[2]!.url).to.equal('https://bff.example/v1/tenant?a=1&b=2&b=3');
  });

  it('turns problem+json into TkApiError with field errors by path', async () => {
    fake = fakeFetch(() => problem(422, 'validation_failed', 'Bitte prüfen Sie Ihre Eingaben.', [{ path: 'kind', code: 'required', message: 'Bitte füllen Sie dieses Feld aus.' }]));
    const api = createApi({ baseUrl: 'https://bff.example', credential: () => 'k', locale: () => 'de' });
    const error = await api.tenant().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TkApiError);
    expect((error as TkApiError).status).to.equal(422);
    expect((error as TkApiError).fieldErrors.get('kind')!.code).to.equal('required');
  });

  it('a gateway error without problem+json is still a TkApiError; no answer is a TkNetworkError; abort stays an AbortError', async () => {
    fake = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const api = createApi({ baseUrl: 'https://bff.example', credential: () => 'k', locale: () => 'de' });
    const gateway = (await api.tenant().catch((e: unknown) => e)) as TkApiError;
    expect(gateway.status).to.equal(502);
    fake.restore();
    fake = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await api.tenant().catch((e: unknown) => e)).to.be.instanceOf(TkNetworkError);
    const controller = new AbortController();
    controller.abort();
    const aborted = (await api.tenant(controller.signal).catch((e: unknown) => e)) as Error;
    expect(aborted.name).to.equal('AbortError');
  });
});
