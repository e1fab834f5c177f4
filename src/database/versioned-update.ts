import { FindOptionsWhere, IsNull, ObjectLiteral, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export type VersionedUpdate<T> = { outcome: 'updated'; row: T } | { outcome: 'stale' } | { outcome: 'missing' };

/**
 * Optimistic concurrency: writes `changes` only while the row is still at `expectedVersion`, and
 * TypeORM's update adds `version = version + 1`. TypeORM's save() does not guard on the version, so
 * this conditional UPDATE is the one place a lost update is prevented. `key` identifies one row;
 * `liveOnly` leaves soft-deleted rows alone (they answer `missing`).
 */
export async function updateIfVersion<T extends ObjectLiteral & { version: number }>(
  repository: Repository<T>,
  key: FindOptionsWhere<T>,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
  options: { liveOnly?: boolean } = {},
): Promise<VersionedUpdate<T>> {
  const live = (options.liveOnly ? { ...key, deletedAt: IsNull() } : key);
  if (Object.keys(changes).length > 0) {
    const result = await repository
      .createQueryBuilder()
      .update()
      .set(changes)
      .where(live)
      .andWhere('version = :expectedVersion', { expectedVersion })
      .execute();
    if (result.affected === 1) return { outcome: 'updated', row: await repository.findOneOrFail({ where: key, withDeleted: true }) };
  }
  const current = await repository.findOneBy(live);
  if (current === null) return { outcome: 'missing' };
  // An empty PATCH at the right version changes nothing and answers the row as it is.
  return Object.keys(changes).length === 0 && current.version === expectedVersion ? { outcome: 'updated', row: current } : { outcome: 'stale' };
}
