// Open data: exports of the directory, imports from OpenStreetMap and CSV. Routes are mounted by app.ts.
export { writeExport, type ExportFormat, type Sink } from './export.service.ts';
