import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('/openapi.json', () => {
  it('describes every /v1 route with its security, request schema and problem responses', async () => {
    const res = await call(t.app, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const spec = res.json;
    expect(spec.openapi).toMatch(/^3\./);
    const routes = t.app.routes.filter((r) => r.path.startsWith('/v1/') && r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const path = route.path.replace(/:([^/]+)/g, '{$1}').replace(/\/$/, '');
      const op = spec.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${path} is documented`).toBeDefined();
      expect(op.security?.length, `${route.method} ${path} names its key`).toBeGreaterThan(0);
      expect(op.responses['401']?.content['application/problem+json']).toBeDefined();
    }
    const create = spec.paths['/v1/api-keys'].post;
    expect(create.requestBody.content['application/json'].schema).toBeDefined();
    expect(create.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(true);
    expect(spec.components.securitySchemes).toHaveProperty('secretKey');
  });

  it('says which webhook-endpoint responses hold the secret, and that those take no Idempotency-Key', async () => {
    const spec = (await call(t.app, 'GET', '/openapi.json')).json;
    const endpoints = spec.paths['/v1/webhook-endpoints'];
    for (const op of [endpoints.post, spec.paths['/v1/webhook-endpoints/{id}/rotate-secret'].post]) {
      expect(op.summary).toMatch(/No Idempotency-Key/);
      expect(op.parameters?.some((p: { name: string }) => p.name === 'Idempotency-Key') ?? false).toBe(false);
    }
    expect(endpoints.post.requestBody.content['application/json'].schema).toBeDefined();
    expect(endpoints.post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookEndpointWithSecret');
    expect(spec.components.schemas.WebhookEndpointWithSecret.properties).toHaveProperty('secret');
    expect(endpoints.get.responses['200'].content['application/json'].schema.properties.endpoints.items.$ref).toBe('#/components/schemas/WebhookEndpoint');
    expect(spec.components.schemas.WebhookEndpoint.properties).not.toHaveProperty('secret');
    expect(spec.paths['/v1/webhook-endpoints/{id}'].delete.responses).toHaveProperty('204');
  });

  it('documents the locations routes: requests, answers, the code step and acting sessions', async () => {
    const spec = (await call(t.app, 'GET', '/openapi.json')).json;
    const request = spec.paths['/v1/locations/link-requests'].post;
    expect(request.requestBody.content['application/json'].schema).toBeDefined();
    expect(request.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(true);
    expect(request.responses['202'].content['application/json'].schema.$ref).toBe('#/components/schemas/LocationLinkRequestIssued');
    expect(request.responses).toHaveProperty('429');
    expect(spec.paths['/v1/locations'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/LocationList');
    expect(spec.paths['/v1/locations/link-requests/{id}/confirm'].post.responses).toHaveProperty('410');
    for (const path of ['/v1/locations/{accountId}/switch', '/v1/locations/return']) {
      expect(spec.paths[path].post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/SessionIssued');
      expect(spec.paths[path].post.responses).toHaveProperty('409');
    }
    expect(spec.components.schemas.Profile.properties).toHaveProperty('acting');
    for (const [path, method] of [['/v1/locations/{accountId}', 'patch'], ['/v1/locations/{accountId}', 'delete'], ['/v1/locations/intents', 'post']] as const) {
      expect(spec.paths[path][method].security).toEqual([{ session: [] }]);
    }
  });

  it('documents the contracts routes: the list, the rotation with its consent body, Idempotency-Key, 404, 422 and 429', async () => {
    const spec = (await call(t.app, 'GET', '/openapi.json')).json;
    const list = spec.paths['/v1/contracts'].get;
    expect(list.security).toEqual([{ session: [] }]);
    expect(list.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ContractList');
    const rotate = spec.paths['/v1/contracts/{id}/internet-credentials'].post;
    expect(rotate.security).toEqual([{ session: [] }]);
    expect(rotate.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CredentialRotationRequest');
    expect(rotate.parameters.some((p: { name: string }) => p.name === 'Idempotency-Key')).toBe(true);
    expect(rotate.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/CredentialRotation');
    for (const status of ['403', '404', '422', '429']) expect(rotate.responses).toHaveProperty(status);
    expect(rotate.summary).toMatch(/rotation_limit/);
    expect(spec.components.schemas.Contract.properties).not.toHaveProperty('password');
    expect(spec.components.schemas.CredentialRotation.properties).not.toHaveProperty('password');
  });
});
