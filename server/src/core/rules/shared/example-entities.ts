import type { KbEntity } from '../../entities/kb';

/** The small knowledge base the entity rules' documented examples are checked against. */
export const exampleEntities: KbEntity[] = [
  { id: 'leica-camera', type: 'organization', name: 'Leica Camera AG', aliases: ['Leica', 'Leica Camera'] },
  { id: 'sharp', type: 'organization', name: 'Sharp' },
  { id: 'xiaomi', type: 'organization', name: 'Xiaomi' },
];
