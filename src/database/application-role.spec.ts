import { ApplicationRoleFacts, applicationRoleProblems } from './application-role';

const leastPrivilege: ApplicationRoleFacts = { role: 'oi_app', superuser: false, ownedTables: [], excessAuditPrivileges: [], canCreateInSchema: false };

describe('applicationRoleProblems', () => {
  it('accepts a role that can only append to the audit trail', () => {
    expect(applicationRoleProblems(leastPrivilege)).toEqual([]);
  });

  it.each<[string, Partial<ApplicationRoleFacts>, RegExp]>([
    ['a superuser', { superuser: true }, /superuser/],
    ['the owner of the tables', { ownedTables: ['audit_events', 'cases'] }, /owns tables \(audit_events, cases\)/],
    ['the owner of many tables, named briefly', { ownedTables: ['a', 'b', 'c', 'd'] }, /owns tables \(a, b, c, …\)/],
    ['a role granted UPDATE on audit events', { excessAuditPrivileges: ['audit_events: UPDATE'] }, /may change the audit trail \(audit_events: UPDATE\)/],
    ['a role that may create in the schema', { canCreateInSchema: true }, /may create objects/],
  ])('refuses %s', (_label, facts, problem) => {
    const problems = applicationRoleProblems({ ...leastPrivilege, ...facts });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
    expect(problems[0]).toContain('oi_app');
  });

  it('names every problem at once', () => {
    expect(applicationRoleProblems({ role: 'postgres', superuser: true, ownedTables: ['cases'], excessAuditPrivileges: ['audit_events: DELETE'], canCreateInSchema: true })).toHaveLength(4);
  });
});
