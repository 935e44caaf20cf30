// A field table using every row kind (enum, list of a nested model, Optional, constraints, pattern): the same table as SAMPLE in
// server-template/tests/writer_specs.py, so the engine test can check that the preview through the app is the file pytest pins.
import type { ModelFileSpec } from "../../contract";

export const SAMPLE_TABLE: ModelFileSpec = {
  main: {
    name: "Instance",
    description: "A house to price.",
    fields: [
      {
        name: "city",
        type: "str",
        list: false,
        enumValues: [],
        required: true,
        nullable: false,
        minLength: 2,
        maxLength: 40,
        pattern: "^[A-Z]",
        description: "Where it is",
        example: "Paris",
      },
      { name: "rooms", type: "int", list: false, enumValues: [], required: true, nullable: false, ge: 1, le: 20 },
      { name: "area", type: "float", list: false, enumValues: [], required: false, nullable: false, default: 50, gt: 0 },
      { name: "kind", type: "enum", list: false, enumValues: ["flat", "house"], required: true, nullable: false },
      { name: "garden", type: "bool", list: false, enumValues: [], required: false, nullable: true },
      {
        name: "rooms_detail",
        type: "model",
        model: "Room",
        list: true,
        enumValues: [],
        required: true,
        nullable: false,
        description: "One entry per room",
      },
    ],
  },
  nested: [
    {
      name: "Room",
      fields: [
        { name: "name", type: "str", list: false, enumValues: [], required: true, nullable: false },
        { name: "size", type: "float", list: false, enumValues: [], required: true, nullable: false, ge: 0 },
      ],
    },
  ],
};
