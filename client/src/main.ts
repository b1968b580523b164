import { mount } from 'svelte';
import App from './App.svelte';
import { initLocale } from './lib/i18n/index.ts';
import './app.css';

initLocale();
mount(App, { target: document.getElementById('app')! });
