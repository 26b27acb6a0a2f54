// Build and dev-server settings for the web app. The API lives on the same origin in
// production (one server, one port), so the dev server proxies /api to the local server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd alone is larger than Vite's default warning threshold; it is split into its own
    // long-cached chunk below, and each page is loaded lazily from src/routes.tsx.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 30 },
            { name: "antd-icons", test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            { name: "shared", test: /packages[\\/]shared[\\/]|node_modules[\\/]zod[\\/]/, priority: 15 },
            { name: "antd", test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|classnames|clsx|stylis|@emotion)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
