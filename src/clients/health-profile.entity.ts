import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import {
  ACTIVITY_LEVELS,
  ActivityLevel,
  CHEMOTHERAPY_STATUSES,
  ChemotherapyStatus,
  SMOKING_STATUSES,
  SmokingStatus,
  YES_NO_UNKNOWN,
  YesNoUnknown,
} from './clinical-terms';
import { Client } from './client.entity';

const yesNoUnknown = { type: 'enum', enum: YES_NO_UNKNOWN, enumName: 'yes_no_unknown', default: 'unknown' } as const;

/** Special-category health data, one row per client, every fact `unknown` until someone records it. */
@Entity({ name: 'health_profiles' })
export class HealthProfile {
  @PrimaryColumn({ name: 'client_id', type: 'uuid', primaryKeyConstraintName: 'PK_health_profiles' })
  clientId!: string;

  @OneToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_health_profiles_client' })
  client?: Client;

  @Column({ name: 'peripheral_vascular_disease', ...yesNoUnknown })
  peripheralVascularDisease!: YesNoUnknown;

  @Column({ ...yesNoUnknown })
  diabetes!: YesNoUnknown;

  @Column({ name: 'smoking_status', type: 'enum', enum: SMOKING_STATUSES, enumName: 'smoking_status', default: 'unknown' })
  smokingStatus!: SmokingStatus;

  @Column({ name: 'smoking_quit_date', type: 'date', nullable: true })
  quitDate!: string | null;

  @Column({ name: 'limb_radiotherapy', ...yesNoUnknown })
  limbRadiotherapy!: YesNoUnknown;

  @Column({ type: 'enum', enum: CHEMOTHERAPY_STATUSES, enumName: 'chemotherapy_status', default: 'unknown' })
  chemotherapy!: ChemotherapyStatus;

  @Column({ name: 'active_infection', ...yesNoUnknown })
  activeInfection!: YesNoUnknown;

  @Column({ ...yesNoUnknown })
  immunosuppression!: YesNoUnknown;

  @Column({ ...yesNoUnknown })
  osteoporosis!: YesNoUnknown;

  @Column({ ...yesNoUnknown })
  pregnancy!: YesNoUnknown;

  @Column({ name: 'activity_level', type: 'enum', enum: ACTIVITY_LEVELS, enumName: 'activity_level', default: 'unknown' })
  activityLevel!: ActivityLevel;

  @Column({ name: 'hot_climate', ...yesNoUnknown })
  hotClimate!: YesNoUnknown;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
