import { describeErrorForLog, isDatabaseUnavailable } from './database-failure';

describe('isDatabaseUnavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [{ code: '53300', message: 'too many connections' }, true],
    [{ code: '57014', message: 'canceling statement due to statement timeout' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ name: 'QueryFailedError', driverError: { code: '57P01' } }, true],
    [{ name: 'QueryRunnerAlreadyReleasedError', message: 'Query runner already released. Cannot run queries anymore.' }, true],
    [{ name: 'QueryRunnerProviderAlreadyReleasedError', message: 'Database connection provided by a query runner was already released' }, true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [{ code: '22P02', message: 'invalid input syntax' }, false],
    [new Error('something else'), false],
    [null, false],
    ['text', false],
  ])('%j → %s', (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});

describe('describeErrorForLog', () => {
  it('drops the message and stack of query errors, which can quote values', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "ann@example.org"'), {
      name: 'QueryFailedError',
      driverError: { code: '22P02', table: 'users' },
    });
    const described = JSON.stringify(describeErrorForLog(error));
    expect(described).not.toContain('ann@example.org');
    expect(describeErrorForLog(error)).toMatchObject({ name: 'QueryFailedError', code: '22P02', table: 'users' });
  });

  it('keeps message and stack of programming errors', () => {
    expect(describeErrorForLog(new TypeError('x is undefined'))).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
  });
});
