import fc from 'fast-check';
import { pickRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('pickRequestId', () => {
  it.each(['abc-123', 'req_1.2:3', 'A'.repeat(128)])('keeps a plain caller id %s', (id) => {
    expect(pickRequestId(id)).toBe(id);
  });

  it.each([undefined, '', 'has space', 'a\nb', '<script>', 'A'.repeat(129)])('replaces %j with a uuid', (id) => {
    expect(pickRequestId(id)).toMatch(UUID);
  });

  it('takes the first of repeated headers', () => {
    expect(pickRequestId(['first', 'second'])).toBe('first');
  });

  it('never returns anything but a plain token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        expect(pickRequestId(header)).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      }),
    );
  });
});
