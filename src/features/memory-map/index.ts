export { MemoryMap, type MemoryMapProps } from './MemoryMap';
