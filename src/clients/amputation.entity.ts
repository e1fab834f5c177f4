import { Check, Column, CreateDateColumn, DeleteDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AMPUTATION_CAUSES, AMPUTATION_LEVELS, AmputationCause, AmputationLevel, Limb, LIMBS, Side, SIDES } from './clinical-terms';
import { Client } from './client.entity';

/** One limb loss. Bilateral or upper-plus-lower loss is several rows for one client. */
@Entity({ name: 'amputations' })
@Index('IX_amputations_client', ['clientId'])
@Check('CK_amputations_residual_length', `"residual_limb_length_cm" IS NULL OR "residual_limb_length_cm" BETWEEN 0 AND 100`)
@Check('CK_amputations_wear_hours', `"daily_wear_hours" IS NULL OR "daily_wear_hours" BETWEEN 0 AND 24`)
export class Amputation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_amputations' })
  id!: string;

  /** Insertion order, so records read back in the order they were entered (timestamps tie within a transaction). */
  @Column({ name: 'entry_order', type: 'bigint' })
  @Generated('increment')
  entryOrder!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_amputations_client' })
  client?: Client;

  @Column({ type: 'enum', enum: LIMBS, enumName: 'limb' })
  limb!: Limb;

  @Column({ type: 'enum', enum: SIDES, enumName: 'body_side' })
  side!: Side;

  @Column({ type: 'enum', enum: AMPUTATION_LEVELS, enumName: 'amputation_level' })
  level!: AmputationLevel;

  @Column({ name: 'amputation_date', type: 'date', nullable: true })
  amputationDate!: string | null;

  @Column({ type: 'enum', enum: AMPUTATION_CAUSES, enumName: 'amputation_cause', nullable: true })
  cause!: AmputationCause | null;

  // numeric comes back from pg as a string; the mapper converts it.
  @Column({ name: 'residual_limb_length_cm', type: 'numeric', precision: 5, scale: 1, nullable: true })
  residualLimbLengthCm!: string | null;

  @Column({ name: 'current_prosthesis', type: 'varchar', length: 200, nullable: true })
  currentProsthesis!: string | null;

  @Column({ name: 'daily_wear_hours', type: 'numeric', precision: 4, scale: 1, nullable: true })
  dailyWearHours!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date | null;
}
