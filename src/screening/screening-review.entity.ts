import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, ManyToOne } from 'typeorm';
import { User } from '../users/user.entity';
import { Screening } from './screening.entity';

export const REVIEW_DECISIONS = ['accept', 'override'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A solicitor's confirmation or override of a screening's advice: one per screening, never changed. */
@Entity({ name: 'screening_reviews' })
// Reports: the few overridden screenings, without reading every review.
@Index('IX_screening_reviews_override', ['screeningId'], { where: "decision = 'override'" })
export class ScreeningReview {
  @PrimaryColumn({ name: 'screening_id', type: 'uuid', primaryKeyConstraintName: 'PK_screening_reviews' })
  screeningId!: string;

  @OneToOne(() => Screening, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'screening_id', foreignKeyConstraintName: 'FK_screening_reviews_screening' })
  screening?: Screening;

  @Column({ type: 'enum', enum: REVIEW_DECISIONS, enumName: 'screening_review_decision' })
  decision!: ReviewDecision;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  @Column({ name: 'reviewed_by_id', type: 'uuid' })
  reviewedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_id', foreignKeyConstraintName: 'FK_screening_reviews_reviewed_by' })
  reviewedBy?: User;

  @CreateDateColumn({ name: 'reviewed_at', type: 'timestamptz' })
  reviewedAt!: Date;
}
