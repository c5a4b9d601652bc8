/** The three ways in to the same queue that issue 12 compares: Socket.IO, Gradio's REST `/call`, Gradio's sse_v3 wire. */
export const DOORS = ["socket", "rest", "gradio"] as const;

export type DoorName = (typeof DOORS)[number];
