import { User } from '../users/user.entity';

/** Every entity the DataSource maps; migrations are generated against this list. */
export const ENTITIES = [User];
