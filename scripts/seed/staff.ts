import { foldName } from '../../src/clients/fold-name';
import { UserRole } from '../../src/users/user-role';
import { Prng } from './prng';
import { DEMO_STAFF, LAST_NAMES, STAFF_FIRST_NAMES } from './vocabulary';

/** Seeded staff sign in with addresses on these domains; --truncate and the demo guard find them by it. */
export const FIRM_EMAIL_DOMAIN = 'seed.oi-intake.example';
export const DEMO_EMAIL_DOMAIN = 'demo.oi-intake.example';

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface StaffCounts {
  admin: number;
  solicitor: number;
  paralegal: number;
}

/** About one solicitor per 2,000 cases and one paralegal per 1,500 (at least three of each), and a few admins. */
export function firmStaffCounts(cases: number): StaffCounts {
  return {
    admin: 2 + Math.floor(cases / 250_000),
    solicitor: Math.max(3, Math.round(cases / 2_000)),
    paralegal: Math.max(3, Math.round(cases / 1_500)),
  };
}

/** A numbered firm: `solicitor0042@seed.oi-intake.example`, so scripts and benchmarks can name a user. */
export function planFirmStaff(prng: Prng, cases: number): StaffMember[] {
  const counts = firmStaffCounts(cases);
  const staff: StaffMember[] = [];
  for (const role of ['admin', 'solicitor', 'paralegal'] as const) {
    for (let n = 1; n <= counts[role]; n += 1) {
      const name = `${prng.pick(STAFF_FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`;
      staff.push({ id: prng.uuid(), email: `${role}${String(n).padStart(4, '0')}@${FIRM_EMAIL_DOMAIN}`, name, role });
    }
  }
  return staff;
}

/** The demo's eight named people: 2 admins, 3 solicitors, 3 paralegals. */
export function planDemoStaff(prng: Prng): StaffMember[] {
  const staff: StaffMember[] = [];
  for (const role of ['admin', 'solicitor', 'paralegal'] as const) {
    for (const name of DEMO_STAFF[role]) {
      const [first = '', ...rest] = name.split(' ');
      staff.push({ id: prng.uuid(), email: `${foldName(first)}.${foldName(rest.join(' '))}@${DEMO_EMAIL_DOMAIN}`, name, role });
    }
  }
  return staff;
}
