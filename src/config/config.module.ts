import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment } from './environment';

/**
 * Settings come from one validated Environment (see environment.ts), loaded before Nest starts so a
 * bad variable stops the process with its name. ConfigService<Environment, true> reads them typed.
 */
@Module({})
export class AppConfigModule {
  static forRoot(env: Environment): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...env })] })],
    };
  }
}
