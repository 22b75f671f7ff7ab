// An import a network admin started from the web: the uploaded file's text, the mapping chosen, and its progress and
// report, read by the progress page (a small collection, read by id).
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const IMPORT_KINDS = ['csv', 'osm'] as const;
export const IMPORT_STATES = ['uploaded', 'running', 'done', 'failed'] as const;

const importJobSchema = new Schema(
  {
    network: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: String, required: true },
    kind: { type: String, enum: IMPORT_KINDS, required: true },
    fileName: { type: String, required: true },
    /** The file decoded to text (at most the upload limit). */
    text: { type: String, required: true },
    encoding: String,
    status: { type: String, enum: IMPORT_STATES, default: 'uploaded', required: true },
    /** The mapping and options of the CSV preview, as last submitted. */
    settings: Schema.Types.Mixed,
    done: { type: Number, default: 0 },
    total: { type: Number, default: 0 },
    report: Schema.Types.Mixed,
  },
  { timestamps: true, collection: 'import_jobs' },
);

export type ImportJob = InferSchemaType<typeof importJobSchema> & { _id: mongoose.Types.ObjectId };
export const ImportJobModel = mongoose.model('ImportJob', importJobSchema);
