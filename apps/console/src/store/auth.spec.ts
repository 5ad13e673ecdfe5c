import { describe, expect, it } from 'vitest';
import { ROUTE_ACCESS } from '@/api/access';
import { allowed } from './auth';

describe('allowed', () => {
  it('lets anyone call a public route, signed in or not', () => {
    expect(ROUTE_ACCESS['POST /auth/login']).toBe('public');
    expect(allowed('POST /auth/login', undefined)).toBe(true);
    expect(allowed('GET /federation/identity', [])).toBe(true);
  });

  it('lets any signed-in user call an authenticated route, even without roles', () => {
    expect(ROUTE_ACCESS['GET /workbench']).toBe('authenticated');
    expect(allowed('GET /workbench', [])).toBe(true);
    expect(allowed('GET /workbench', ['viewer'])).toBe(true);
  });

  it('refuses an authenticated route to no one signed in', () => {
    expect(allowed('GET /workbench', undefined)).toBe(false);
  });

  it('lets a user call a route listing one of their roles', () => {
    expect(allowed('GET /directives', ['inspection_office'])).toBe(true);
    expect(allowed('GET /directives', ['viewer', 'leading_group'])).toBe(true);
    expect(allowed('GET /users', ['admin'])).toBe(true);
  });

  it('refuses a route listing none of their roles', () => {
    expect(allowed('GET /directives', ['viewer'])).toBe(false);
    expect(allowed('GET /users', ['inspection_office', 'leading_group'])).toBe(false);
    expect(allowed('GET /directives/{id}/confidential', ['inspection_office'])).toBe(false);
  });

  it('refuses a role-listed route to no one signed in or to no roles', () => {
    expect(allowed('GET /coverage', undefined)).toBe(false);
    expect(allowed('GET /coverage', [])).toBe(false);
  });

  it('refuses a route the API does not know', () => {
    expect(allowed('GET /nowhere', ['admin'])).toBe(false);
    expect(allowed('get /workbench', ['admin'])).toBe(false);
    expect(allowed('GET /directives/123', ['inspection_office'])).toBe(false);
  });
});
