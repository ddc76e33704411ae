import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const sdk = (service: string) =>
  fileURLToPath(new URL(`../sdk/typescript/target/sdk/${service}/src/index.ts`, import.meta.url));

// The page (index.html) and the element a vendor embeds (latchkey-api-tokens.js, a stable name to point a <script> at),
// built into the jar's META-INF/resources/portal, which token-service serves under /portal/.
export default defineConfig({
  base: "./",
  resolve: { alias: { "@latchkey/token": sdk("token"), "@latchkey/rbac": sdk("rbac") } },
  build: {
    outDir: process.env.LATCHKEY_PORTAL_OUT ?? "target/classes/META-INF/resources/portal",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL("index.html", import.meta.url)),
        "latchkey-api-tokens": fileURLToPath(new URL("src/latchkey-api-tokens.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "latchkey-api-tokens" ? "[name].js" : "assets/[name]-[hash].js"),
      },
    },
  },
});
