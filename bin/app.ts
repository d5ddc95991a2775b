#!/usr/bin/env node
/**
 * CDK entry point (`cdk synth --all`, `cdk deploy --all`). Settings come from context, e.g.
 * `cdk deploy --all -c stage=prod -c webOrigins=https://portal.example.com`; see lib/config.ts.
 * cdk-nag (AwsSolutions) runs at synthesis: any unacknowledged finding fails the synth.
 */
import { buildApp } from '../lib/app.js';

buildApp().app.synth();
