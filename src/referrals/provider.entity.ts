import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PROVIDER_KINDS, ProviderKind } from './referral-terms';

/** Someone a client can be referred to: surgeons, charities, pain and prosthetic care, therapists, trainers. */
@Entity({ name: 'providers' })
@Index('IX_providers_kind_name', ['kind', 'name'])
export class Provider {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_providers' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'enum', enum: PROVIDER_KINDS, enumName: 'provider_kind' })
  kind!: ProviderKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  organisation!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website!: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes!: string | null;

  /** A placeholder shipped with the starter directory: to be replaced with a real contact before use. */
  @Column({ name: 'is_example', type: 'boolean', default: false })
  isExample!: boolean;

  /** Inactive providers stay on old tasks but are not offered for new ones. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
