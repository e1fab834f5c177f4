export const USER_ROLES = ['admin', 'solicitor', 'paralegal'] as const;
export type UserRole = (typeof USER_ROLES)[number];
