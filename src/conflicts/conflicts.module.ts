import { Module } from '@nestjs/common';
import { ConflictsRepository } from './conflicts.repository';
import { ConflictsService } from './conflicts.service';

@Module({
  providers: [ConflictsRepository, ConflictsService],
  exports: [ConflictsService],
})
export class ConflictsModule {}
