// DataProcessing per record: InputFilter before the request, JoinSource + OutputFilter on each answer.
import Papa from "papaparse";
import { StagemakerError } from "../../contract";
import { parseJsonFilter } from "./json-filter";

export type RecordFormat = "csv" | "json" | "other";

/** CSV rows count as JSON arrays (SageMaker's rule); JSON and JSON Lines records as JSON values. */
export function recordFormat(contentType: string): RecordFormat {
  const essence = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  if (essence === "text/csv") return "csv";
  if (essence === "application/json" || essence === "application/jsonlines" || essence === "application/x-jsonlines") return "json";
  return "other";
}

export interface DataProcessingOptions {
  contentType: string;
  inputFilter: string;
  outputFilter: string;
  joinSource: "None" | "Input";
}

export interface DataProcessing {
  /** Nothing to do per record: answers are written as they come. */
  readonly passThrough: boolean;
  /** The part of an input record the model gets. */
  filterInput(record: string): string;
  /** One record's output line, joined with its input and filtered as asked. */
  assemble(inputRecord: string, output: string): string;
}

export function dataProcessing(options: DataProcessingOptions): DataProcessing {
  const format = recordFormat(options.contentType);
  const inputFilter = parseJsonFilter(options.inputFilter);
  const outputFilter = parseJsonFilter(options.outputFilter);
  const join = options.joinSource === "Input";
  if (format === "other" && (join || !inputFilter.identity || !outputFilter.identity)) {
    throw new StagemakerError(
      "invalid-input",
      `Filters and JoinSource work on CSV and JSON input only (SageMaker's rule); the content type is ${options.contentType}.`,
    );
  }
  const csvRow = (text: string, what: string): unknown[] => {
    // The delimiter is given: Papa would otherwise guess one from the record.
    const { data, errors } = Papa.parse<string[]>(text, { delimiter: "," });
    const broken = errors.find((e) => e.type === "Quotes");
    if (broken) throw new StagemakerError("invalid-input", `The ${what} is not a CSV row: ${broken.message}`);
    return data[0] ?? [];
  };
  const csvText = (value: unknown) =>
    Papa.unparse([Array.isArray(value) ? value.map(cell) : [cell(value)]], { delimiter: ",", newline: "\n" });
  const jsonValue = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      if (what === "answer") return text.trim(); // a non-JSON answer still joins, as a string
      throw new StagemakerError("invalid-input", `The ${what} is not JSON: ${text.slice(0, 80)}`);
    }
  };

  return {
    passThrough: !join && outputFilter.identity,
    filterInput(record) {
      if (inputFilter.identity) return record;
      if (format === "csv") return csvText(inputFilter.apply(csvRow(record, "input record")));
      return JSON.stringify(inputFilter.apply(jsonValue(record, "input record")));
    },
    assemble(inputRecord, output) {
      if (format === "csv") {
        if (join && outputFilter.identity) return `${inputRecord},${output}`;
        const joined = join ? [...csvRow(inputRecord, "input record"), ...csvRow(output, "answer")] : csvRow(output, "answer");
        return csvText(outputFilter.apply(joined));
      }
      if (format === "json") {
        const answer = jsonValue(output, "answer");
        let joined = answer;
        if (join) {
          const input = jsonValue(inputRecord, "input record");
          const isObject = input !== null && typeof input === "object" && !Array.isArray(input);
          joined = isObject ? { ...(input as object), SageMakerOutput: answer } : { SageMakerInput: input, SageMakerOutput: answer };
        }
        return JSON.stringify(outputFilter.apply(joined));
      }
      return output;
    },
  };
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects took the JSON branch; what is left prints as itself
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
