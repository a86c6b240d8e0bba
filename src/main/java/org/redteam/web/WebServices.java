package org.redteam.web;

import org.redteam.admin.AdminService;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.AutomationService;
import org.redteam.attempt.SignalService;
import org.redteam.campaign.CampaignService;
import org.redteam.campaign.Payments;
import org.redteam.demographics.Demographics;
import org.redteam.replay.ReplayService;
import org.redteam.review.ReviewService;
import org.redteam.storage.TokenBuckets;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.StudyAccess;
import org.redteam.worker.WorkerAccess;
import org.redteam.worker.WorkerService;

/**
 * The services the web server is given (by App, from a running campaign): never the App, a database handle or
 * a repository. {@code signInLimit} is the store-kept rate of sign-in attempts per client address; {@code study} the
 * campaign's open study link (crowd-work platforms); {@code automation} serves the OpenAI-compatible endpoint;
 * {@code signals} the red teamers' own flags and expertise answers; {@code demographics} the optional questionnaire.
 */
public record WebServices(WorkerService workers, WorkerAccess access, CampaignService campaigns, AttemptService attempts, Wellbeing wellbeing,
                          ReviewService reviews, AdminService admin, TokenBuckets signInLimit, StudyAccess study,
                          AutomationService automation, ReplayService replays,
                          Payments payments, SignalService signals, Demographics demographics) {
}
