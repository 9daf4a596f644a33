import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Relative asset URLs so the static build works from any base path and a plain file server.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react()],
  build: { target: 'es2022' },
})
