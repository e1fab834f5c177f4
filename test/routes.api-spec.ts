import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, IS_PUBLIC } from '../src/common/access/access.decorators';
import { serialiseOpenApi } from '../src/openapi-document';
import { findSchemaDrift } from '../src/database/schema-drift';
import { startTestApp, TestApp } from './support/test-app';

interface RouteAccess {
  route: string;
  isPublic: boolean;
  roles: string[];
}

/** Every handler Nest registered, with the access metadata the guard will read. */
function registeredRoutes(t: TestApp): RouteAccess[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = t.app.get(Reflector);
  const routes: RouteAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (controller === undefined || wrapper.instance === undefined) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[methodName] as (...args: unknown[]) => unknown;
      const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      if (typeof path !== 'string') continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      routes.push({
        route: `${method} ${String(Reflect.getMetadata(PATH_METADATA, controller))}/${path} (${controller.name}.${methodName})`,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true,
        roles: reflector.getAllAndOverride<string[]>(ALLOWED_ROLES, [handler, controller]) ?? [],
      });
    }
  }
  return routes;
}

describe('the app as registered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leaves no route unmarked: each is @Public or names its roles (deny by default)', () => {
    const routes = registeredRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(routes.filter((route) => !route.isPublic && route.roles.length === 0).map((route) => route.route)).toEqual([]);
  });

  it('opens only sign-in and health to anonymous callers', () => {
    const open = registeredRoutes(t)
      .filter((route) => route.isPublic)
      .map((route) => route.route.split(' (')[0])
      .sort();
    expect(open).toEqual(['GET health/live', 'GET health/ready', 'POST auth/login']);
  });

  it('serves the OpenAPI document that is committed as openapi.json (run `npm run openapi` after changing the API)', () => {
    const committed = readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8');
    expect(serialiseOpenApi(t.app)).toBe(committed);
  });

  it('has a schema that matches the entities: the migrations leave nothing to generate', async () => {
    await expect(findSchemaDrift(t.dataSource)).resolves.toEqual({ up: [], down: [] });
  });
});
