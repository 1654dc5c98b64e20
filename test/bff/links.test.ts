import { describe, expect, it } from 'vitest';
import { assertRedeemable, LINKS, linkState, linkUrl, newLink, redeemable } from '../../bff/domain/links.js';
import { PINS } from '../../bff/domain/pins.js';
import { sha256 } from '../../bff/lib/crypto.js';

const now = new Date('2026-11-21T12:00:00.000Z');
const link = (o: { usedAt?: Date | null; supersededAt?: Date | null; expiresAt: Date }) => ({ usedAt: null, supersededAt: null, ...o });

describe('the one-time link service', () => {
  it('one check of a link: used, superseded, expired at its expiry instant, else usable', () => {
    expect(linkState(link({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe('usable');
    // The instant of expiry already counts as expired: every caller used to decide this on its own (< vs <=).
    expect(linkState(link({ expiresAt: now }), now)).toBe('expired');
    expect(redeemable(link({ expiresAt: now }), now)).toBe(false);
    expect(linkState(link({ expiresAt: new Date(now.getTime() + 1), supersededAt: now }), now)).toBe('superseded');
    expect(linkState(link({ expiresAt: new Date(now.getTime() - 1), usedAt: now, supersededAt: now }), now)).toBe('used');
  });

  it('each unusable state is its own problem', () => {
    const code = (l: ReturnType<typeof link>) => {
      try {
        assertRedeemable(l, now);
        return 'ok';
      } catch (e) {
        return `${(e as { status: number }).status} ${(e as { code: string }).code}`;
      }
    };
    expect(code(link({ expiresAt: new Date(now.getTime() + 1000) }))).toBe('ok');
    expect(code(link({ expiresAt: now }))).toBe('410 link_expired');
    expect(code(link({ expiresAt: new Date(now.getTime() + 1000), supersededAt: now }))).toBe('410 link_superseded');
    expect(code(link({ expiresAt: new Date(now.getTime() + 1000), usedAt: now }))).toBe('410 link_invalid');
  });

  it('link URLs are built in one place: the purpose\'s page, the token, the e-mail\'s language', () => {
    expect(linkUrl('https://bff.example', 'signup', 'tok', 'en')).toBe('https://bff.example/confirm?token=tok&lang=en');
    expect(linkUrl('https://bff.example', 'email_change', 'tok', 'de')).toBe('https://bff.example/confirm?token=tok&lang=de');
    expect(linkUrl('https://bff.example', 'set_password', 'tok', 'de')).toBe('https://bff.example/set-password?token=tok&lang=de');
  });

  it('a new link keeps only the hash, expires after its purpose\'s hours (or the given ones), and carries its typed payload', () => {
    const { token, values } = newLink({ tenantId: 't', subjectId: 's', payload: { purpose: 'email_change', email: 'new@x.example' }, now });
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(values.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(values)).not.toContain(token);
    expect(values.expiresAt.getTime() - now.getTime()).toBe(LINKS.email_change.hours * 3_600_000);
    expect(values.payload).toEqual({ purpose: 'email_change', email: 'new@x.example' });
    expect(newLink({ tenantId: 't', subjectId: 's', payload: { purpose: 'set_password' }, now, hours: 1 }).values.expiresAt.getTime() - now.getTime()).toBe(3_600_000);
  });

  it('every PIN purpose has its settings in one registry', () => {
    expect(Object.keys(PINS).sort()).toEqual(['location_link', 'login', 'mobile_change', 'password_setup']);
  });
});
