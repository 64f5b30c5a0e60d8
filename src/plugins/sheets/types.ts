/** Global data of the sheets plugin (`usePluginData('essaim-sheets')`), shared by the server and the browser. */
export interface SheetsData {
  /** French label of each sheet field, by path (`porteur.nom`, `contacts.role`…). */
  fields: Record<string, string>;
  /** French labels of the values of the sheet's own enumerations (`nature`, `niveau_preuve`). */
  labels: Record<string, Record<string, string>>;
  /** The maillons, in the vocabulary's order, with the number of sheets filed under each. */
  maillons: { id: string; label: string; count: number }[];
}
