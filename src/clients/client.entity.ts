import { Check, Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { CONSENT_STATUSES, ConsentStatus, PREFERRED_CONTACTS, PreferredContact } from './clinical-terms';

/** The injured person. Personal data: read and written only through ClientsService's access rules. */
@Entity({ name: 'clients' })
@Index('UQ_clients_number', ['number'], { unique: true })
@Index('IX_clients_folded_last_name', ['foldedLastName'])
@Index('IX_clients_folded_full_name', ['foldedFullName'])
@Index('IX_clients_postcode', ['postcode'])
@Index('IX_clients_date_of_birth', ['dateOfBirth'])
@Index('IX_clients_created_by', ['createdById'])
// Name search is a prefix match on the folded names: these use text_pattern_ops, which entities cannot
// express, so a hand-written migration (ClientNameSearchIndexes) creates them and TypeORM leaves them be.
@Index('IX_clients_folded_last_name_prefix', { synchronize: false })
@Index('IX_clients_folded_first_name_prefix', { synchronize: false })
@Index('IX_clients_folded_full_name_prefix', { synchronize: false })
@Check('CK_clients_names_present', `length("first_name") > 0 AND length("last_name") > 0`)
export class Client {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_clients' })
  id!: string;

  /** Sequence behind the reference OI-<year>-<number>; assigned by the database, never by a caller. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  number!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  /** foldName() of the names, for search and conflict matching. Text: folding can lengthen a name (ß → ss). */
  @Column({ name: 'folded_first_name', type: 'text' })
  foldedFirstName!: string;

  @Column({ name: 'folded_last_name', type: 'text' })
  foldedLastName!: string;

  /** foldName() of first and last name together, to match a defendant or insurer named as a person. */
  @Column({ name: 'folded_full_name', type: 'text' })
  foldedFullName!: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** Normalised UK postcode, e.g. `RG1 1AA`. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  postcode!: string | null;

  @Column({ name: 'preferred_contact', type: 'enum', enum: PREFERRED_CONTACTS, enumName: 'preferred_contact', nullable: true })
  preferredContact!: PreferredContact | null;

  /** Drives limitation: a client lacking capacity has no running limitation date. */
  @Column({ name: 'lacks_capacity', type: 'boolean', default: false })
  lacksCapacity!: boolean;

  @Column({ type: 'boolean', default: false })
  vulnerable!: boolean;

  @Column({ name: 'vulnerability_notes', type: 'varchar', length: 1000, nullable: true })
  vulnerabilityNotes!: string | null;

  @Column({ name: 'health_data_consent', type: 'enum', enum: CONSENT_STATUSES, enumName: 'consent_status', default: 'not_recorded' })
  healthDataConsent!: ConsentStatus;

  @Column({ name: 'consent_recorded_on', type: 'date', nullable: true })
  consentRecordedOn!: string | null;

  /** Set when the client's data was erased (UK GDPR art. 17): the row stays, anonymised, for the firm's counts. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @Column({ name: 'erased_by_id', type: 'uuid', nullable: true })
  erasedById!: string | null;

  /** The firm's reason, for the regulator; it describes the request, not the client. */
  @Column({ name: 'erasure_reason', type: 'varchar', length: 1000, nullable: true })
  erasureReason!: string | null;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_clients_created_by' })
  createdBy?: User;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
