import { Blocks, Button, Json, Textbox } from "@blockwork/core";

const city = Textbox({ label: "City", value: "Lisbon" });
const report = Json({ label: "Weather report" });

/** Stands in for an external API that does its own rate limiting: nothing to gain from queueing here. */
async function fetchWeather(name: string) {
  const latencyMs = 300 + (name.length * 97) % 400;
  await new Promise((resolve) => setTimeout(resolve, latencyMs));
  const seed = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return { city: name, temperatureC: (seed % 30) + 5, condition: ["sunny", "cloudy", "rainy", "windy"][seed % 4]!, latencyMs };
}

export default (
  <Blocks title="Unlimited">
    {"# External API\n`concurrencyLimit={null}`: every request runs at once, since the API rate-limits itself."}
    {city}
    <Button variant="primary" onClick={fetchWeather} inputs={[city]} outputs={[report]} concurrencyLimit={null}>
      Get weather
    </Button>
    {report}
  </Blocks>
);
