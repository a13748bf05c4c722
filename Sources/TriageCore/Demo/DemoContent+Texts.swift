import Foundation

/// The texts the demo content is drawn from: fillers, subject and body templates, replies, notes, resolutions,
/// comments and tags, in French and English.
extension DemoContent {
    // MARK: - Fillers

    static let products = [
        "Nebula Launcher", "Starforge Online", "Pixel Raiders", "ModHub", "Kestrel Bot", "Voidrunners", "SkyPort",
        "Ironclad Tactics", "Lumen Studio", "Driftline",
    ]
    static let platforms = [
        "Windows 11", "Windows 10", "macOS Sonoma", "Ubuntu 22.04", "Steam Deck", "Android", "iOS", "PS5",
        "Xbox Series X", "Linux (Proton)",
    ]
    static let servers = ["EU-West", "EU-Central", "NA-East", "NA-West", "Asia-1", "FR-Paris", "OCE"]
    static let roles = ["VIP", "Modder", "Beta Tester", "Supporter", "Veteran", "Creator"]
    static let plans = ["Premium", "Pro", "Supporter", "Season Pass", "Founder Pack", "VIP", "Battle Pass"]
    static let prices = ["4.99", "9.99", "14.99", "19.99", "24.99", "49.99", "59.99", "99.99"]
    static let codePrefixes = ["ERR", "NET", "AUTH", "LCH", "SYNC", "UPD"]
    static let fixedCodes = [
        "0xC0000005", "E_TIMEOUT", "502 Bad Gateway", "DXGI_ERROR_DEVICE_REMOVED", "error 1015",
        "SSL_HANDSHAKE_FAILED", "0x80070005", "ECONNRESET",
    ]
    static let features = Texts(
        en: [
            "voice chat", "cloud save", "matchmaking", "the friends list", "auto-update", "the mod manager",
            "screen sharing", "the leaderboard", "the achievements screen", "the in-game shop", "controller support",
            "crossplay", "the inventory",
        ],
        fr: [
            "le chat vocal", "la sauvegarde cloud", "le matchmaking", "la liste d'amis", "la mise à jour auto",
            "le gestionnaire de mods", "le partage d'écran", "le classement", "l'écran des succès",
            "la boutique en jeu", "le support manette", "le crossplay", "l'inventaire",
        ])
    static let items = Texts(
        en: [
            "the Dragon skin", "5,000 gems", "the Winter bundle", "the Founder Pack rewards", "the soundtrack DLC",
            "the season pass rewards",
        ],
        fr: [
            "le skin Dragon", "5 000 gemmes", "le pack Hiver", "les récompenses du Founder Pack", "le DLC bande-son",
            "les récompenses du passe saisonnier",
        ])
    static let payments = Texts(
        en: ["PayPal", "my Visa card", "Apple Pay", "a gift card", "Google Pay", "my Mastercard", "Paysafecard"],
        fr: ["PayPal", "ma carte Visa", "Apple Pay", "ma carte cadeau", "Google Pay", "ma Mastercard", "Paysafecard"])
    static let times = Texts(
        en: [
            "since yesterday", "for 3 days", "since this morning", "since the last patch", "since the weekend",
            "for a week",
        ],
        fr: [
            "depuis hier", "depuis 3 jours", "depuis ce matin", "depuis le dernier patch", "depuis le week-end",
            "depuis une semaine",
        ])

    // MARK: - Ticket subjects

    static let generalSubjects = Texts(
        en: [
            "Question about {product} on {platform}", "How do I get the {role} role?",
            "Where can I find the rules for {server} events?", "Is {product} available on {platform}?",
            "When is the next {product} tournament?", "How does {feature} work in {product}?",
            "Can't find the download link for {product}", "Question about the community event this weekend",
            "Is there a roadmap for {product} {version}?", "Streamer program question ({product})",
        ],
        fr: [
            "Question sur {product} sur {platform}", "Comment obtenir le rôle {role} ?",
            "Où trouver le règlement des events {server} ?", "{product} est-il dispo sur {platform} ?",
            "C'est quand le prochain tournoi {product} ?", "Comment fonctionne {feature} dans {product} ?",
            "Impossible de trouver le lien de téléchargement de {product}",
            "Question sur l'événement communautaire de ce week-end", "Y a-t-il une roadmap pour {product} {version} ?",
            "Question sur le programme créateurs ({product})",
        ])
    static let subjects: [Category: Texts] = [
        .general: generalSubjects,
        .billing: Texts(
            en: [
                "Charged twice for {plan} ({amount})", "Refund request for order {order}",
                "{plan} subscription not activated after payment", "Payment with {payment} declined",
                "Didn't receive {item} after purchase", "How do I cancel my {plan} subscription?",
                "Wrong amount charged: {amount} instead of the sale price", "Need an invoice for order {order}",
                "Gift code for {product} already redeemed", "Auto-renewal charged me {amount} without notice",
            ],
            fr: [
                "Débité deux fois pour {plan} ({amount})", "Demande de remboursement pour la commande {order}",
                "Abonnement {plan} non activé après paiement", "Paiement via {payment} refusé",
                "Pas reçu {item} après mon achat", "Comment résilier mon abonnement {plan} ?",
                "Mauvais montant prélevé : {amount} au lieu du prix soldé",
                "Besoin d'une facture pour la commande {order}", "Code cadeau {product} déjà utilisé",
                "Renouvellement auto de {amount} sans prévenir",
            ]),
        .technical: Texts(
            en: [
                "{product} crashes on startup ({code})", "Can't connect to {server} servers",
                "Error {code} when launching {product}", "Problem with {feature} on {platform}",
                "Huge FPS drops since {version}", "{product} stuck at 99% while updating",
                "Black screen after launching {product} on {platform}", "Mic not detected in voice chat",
                "High ping on {server} {time}", "Install fails with {code} on {platform}",
                "Controller not recognized in {product}",
            ],
            fr: [
                "{product} plante au démarrage ({code})", "Impossible de se connecter aux serveurs {server}",
                "Erreur {code} au lancement de {product}", "Problème avec {feature} sur {platform}",
                "Grosses chutes de FPS depuis la {version}", "{product} bloqué à 99 % pendant la mise à jour",
                "Écran noir au lancement de {product} sur {platform}", "Micro non détecté dans le chat vocal",
                "Ping énorme sur {server} {time}", "L'installation échoue avec {code} sur {platform}",
                "Manette non reconnue dans {product}",
            ]),
        .bugReport: Texts(
            en: [
                "[Bug] {feature} resets after restart", "Bug: achievements not unlocking in {product}",
                "Character falls through the map on {server}", "Leaderboard shows wrong scores since {version}",
                "Bug in {product} {version}: {feature} duplicates items",
                "Typo in the French translation of {product}", "Kestrel Bot replies twice to every command",
                "Game freezes when opening {feature}", "Visual glitch on {platform} after {version}",
                "Party invite crashes the client ({code})",
            ],
            fr: [
                "[Bug] {feature} se réinitialise après redémarrage", "Bug : succès non débloqués dans {product}",
                "Mon perso tombe à travers la map sur {server}",
                "Le classement affiche de mauvais scores depuis la {version}",
                "Bug dans {product} {version} : {feature} duplique les objets",
                "Faute de frappe dans la traduction anglaise de {product}",
                "Kestrel Bot répond deux fois à chaque commande", "Le jeu freeze en ouvrant {feature}",
                "Bug graphique sur {platform} après la {version}",
                "L'invitation de groupe fait crasher le client ({code})",
            ]),
        .account: Texts(
            en: [
                "Can't log in: {code}", "Lost access to my 2FA device", "Please change my username",
                "Account hacked, email changed without my consent", "Link my Discord account to {product}",
                "Password reset email never arrives", "Account banned by mistake?",
                "Delete my account and data (GDPR)", "Merge two {product} accounts",
                "Lost my {role} role after reconnecting",
            ],
            fr: [
                "Connexion impossible : {code}", "Perdu l'accès à mon appareil 2FA", "Changement de pseudo svp",
                "Compte piraté, e-mail modifié sans mon accord", "Lier mon compte Discord à {product}",
                "L'e-mail de réinitialisation n'arrive jamais", "Compte banni par erreur ?",
                "Suppression de mon compte et de mes données (RGPD)", "Fusionner deux comptes {product}",
                "Rôle {role} perdu après reconnexion",
            ]),
        .suggestion: Texts(
            en: [
                "Suggestion: dark mode for {product}", "Idea: add {feature} to {product}",
                "Please add {platform} support", "Feature request: improve {feature}",
                "Could we get a French channel for {product}?", "Suggestion: weekly community events on {server}",
                "Add a /remind command to Kestrel Bot", "Idea: reward {role} members with early access",
            ],
            fr: [
                "Suggestion : mode sombre pour {product}", "Idée : {feature} dans {product}",
                "Merci d'ajouter le support {platform}", "Demande : améliorer {feature}",
                "Un salon anglophone pour {product} ?", "Suggestion : events communautaires hebdo sur {server}",
                "Ajouter une commande /remind à Kestrel Bot", "Idée : accès anticipé pour les membres {role}",
            ]),
    ]

    // MARK: - Ticket descriptions

    static let generalBodies = Texts(
        en: [
            "Hi! I just joined the server and I'm not sure where to ask about {product}.",
            "I looked in the FAQ channel but couldn't find an answer about {feature}.",
            "A friend told me {product} would be on {platform} soon, is that true?",
            "I'd like to know how the {role} role is given out.",
            "Is there an official schedule for the {server} events?", "Not urgent at all, just curious 😅",
        ],
        fr: [
            "Salut ! Je viens d'arriver sur le serveur et je ne sais pas où poser ma question sur {product}.",
            "J'ai regardé dans le salon FAQ mais rien trouvé sur {feature}.",
            "Un pote m'a dit que {product} arrivait bientôt sur {platform}, c'est vrai ?",
            "J'aimerais savoir comment on obtient le rôle {role}.",
            "Il existe un planning officiel pour les events {server} ?", "Rien d'urgent, c'est juste par curiosité 😅",
        ])
    static let bodies: [Category: Texts] = [
        .general: generalBodies,
        .billing: Texts(
            en: [
                "I was charged {amount} twice on {payment} for the same order {order}.",
                "The payment went through but my {plan} perks are still not active.",
                "I bought {item} yesterday and it never showed up in my inventory.",
                "I cancelled my {plan} subscription last month but I was still billed {amount}.",
                "My bank says the payment was refused, but {product} still shows it as pending.",
                "Could you send me an invoice with my company name for order {order}?",
            ],
            fr: [
                "J'ai été débité deux fois de {amount} sur {payment} pour la même commande {order}.",
                "Le paiement est passé mais mes avantages {plan} ne sont toujours pas actifs.",
                "J'ai acheté {item} hier et rien n'est apparu dans mon inventaire.",
                "J'ai résilié mon abonnement {plan} le mois dernier mais j'ai encore été prélevé de {amount}.",
                "Ma banque dit que le paiement a été refusé, mais {product} l'affiche toujours en attente.",
                "Pourriez-vous m'envoyer une facture au nom de ma société pour la commande {order} ?",
            ]),
        .technical: Texts(
            en: [
                "{product} crashes right after the splash screen with error {code}.",
                "I already reinstalled twice and updated my GPU drivers, nothing changed.",
                "It's been like this {time}, everything worked fine before.",
                "My ping to {server} jumps from 30 to 400 ms every few minutes.",
                "The launcher says {code} and then closes without any other message.",
                "The problem only happens with {feature}, the rest works fine.",
            ],
            fr: [
                "{product} plante juste après l'écran de chargement avec l'erreur {code}.",
                "J'ai déjà réinstallé deux fois et mis à jour mes pilotes graphiques, rien à faire.",
                "C'est comme ça {time}, tout marchait bien avant.",
                "Mon ping vers {server} passe de 30 à 400 ms toutes les quelques minutes.",
                "Le launcher affiche {code} puis se ferme sans autre message.",
                "Le souci ne concerne que {feature}, le reste fonctionne.",
            ]),
        .bugReport: Texts(
            en: [
                "Steps to reproduce: open {feature}, switch tabs twice, then close it.",
                "It happens every time on {platform}, {version}.",
                "I attached a screenshot in the thread, you can clearly see the glitch.",
                "Other players on {server} have the same issue, we talked about it in #bugs.",
                "Expected: progress is saved. Actual: everything is reset to zero.",
                "Not game-breaking but pretty annoying 😅",
            ],
            fr: [
                "Pour reproduire : ouvrir {feature}, changer d'onglet deux fois, puis fermer.",
                "Ça arrive à chaque fois sur {platform}, en {version}.",
                "J'ai mis une capture d'écran dans le fil, on voit bien le bug.",
                "D'autres joueurs sur {server} ont le même souci, on en a parlé dans #bugs.",
                "Attendu : la progression est sauvegardée. Obtenu : tout est remis à zéro.",
                "Pas bloquant mais assez pénible 😅",
            ]),
        .account: Texts(
            en: [
                "I can't log in anymore, I get {code} every time.",
                "I changed phones and lost my authenticator app, so I can't pass 2FA.",
                "Someone changed my email and password yesterday, I still have the original purchase receipt.",
                "I requested a password reset three times but the email never arrives (checked spam).",
                "I'd like my old username to be replaced, it has my real name in it.",
                "My Discord account is linked but {product} doesn't recognize it.",
            ],
            fr: [
                "Je n'arrive plus à me connecter, j'ai {code} à chaque fois.",
                "J'ai changé de téléphone et perdu mon appli d'authentification, impossible de passer la 2FA.",
                "Quelqu'un a changé mon e-mail et mon mot de passe hier, j'ai toujours le reçu d'achat d'origine.",
                "J'ai demandé trois fois la réinitialisation du mot de passe mais l'e-mail n'arrive jamais (spams vérifiés).",
                "J'aimerais changer mon ancien pseudo, il contient mon vrai nom.",
                "Mon compte Discord est lié mais {product} ne le reconnaît pas.",
            ]),
        .suggestion: Texts(
            en: [
                "It would be great to have {feature} in {product}, a lot of people ask for it.",
                "Other communities do this and it really helps new members.",
                "I'd be happy to help test it if you need beta testers 🔥",
                "Maybe start with a simple version and see how the community reacts?",
                "We could even run a poll in #announcements to see if people want it.",
            ],
            fr: [
                "Ce serait top d'avoir {feature} dans {product}, beaucoup de monde le demande.",
                "D'autres communautés le font et ça aide vraiment les nouveaux.",
                "Je veux bien aider à tester si vous cherchez des bêta-testeurs 🔥",
                "Peut-être commencer par une version simple et voir comment la communauté réagit ?",
                "On pourrait même faire un sondage dans #annonces pour voir si ça plaît.",
            ]),
    ]
    static let details = Texts(
        en: [
            "I'm on {platform}, {product} {version}.", "My username is the same as on Discord.",
            "This is the second time I'm asking...", "Playing from {server} if that matters.",
        ],
        fr: [
            "Je suis sur {platform}, {product} {version}.", "Mon pseudo est le même que sur Discord.",
            "C'est la deuxième fois que je demande...", "Je joue sur {server} si ça compte.",
        ])
    static let closings = Texts(
        en: [
            "Thanks in advance 🙏", "Let me know if you need more info.", "Thanks!",
            "Sorry if this is the wrong place.",
        ],
        fr: [
            "Merci d'avance 🙏", "Dites-moi s'il vous faut plus d'infos.", "Merci !",
            "Désolé si ce n'est pas le bon salon.",
        ])

    // MARK: - Thread messages

    static let userReplies = Texts(
        en: [
            "Thanks, I'll try that tonight and let you know.", "I tried it, still the same error {code} 😕",
            "Here is my order number: {order}.", "I'm on {platform}, {product} {version}.",
            "It works now, thank you so much! ✅", "Any update on this? It's been {n} days.",
            "Sorry for the late reply, I was away this weekend.", "Yes, I already cleared the cache and reinstalled.",
            "Screenshot attached, you can see the error at the bottom.",
            "Still waiting... can someone please look at this? 🙏", "Still the same issue {time}.",
            "Ok, the charge was {amount}, on {payment}.", "Perfect, you can close the ticket 🔥",
            "I don't have access to that email anymore, what can I do?",
        ],
        fr: [
            "Merci, j'essaie ça ce soir et je vous dis.", "J'ai testé, toujours la même erreur {code} 😕",
            "Voici mon numéro de commande : {order}.", "Je suis sur {platform}, {product} {version}.",
            "Ça marche maintenant, merci beaucoup ! ✅", "Des nouvelles ? Ça fait {n} jours que j'attends.",
            "Désolé pour le retard, j'étais absent ce week-end.", "Oui, j'ai déjà vidé le cache et réinstallé.",
            "Capture d'écran jointe, on voit l'erreur en bas.", "Toujours rien... quelqu'un peut regarder svp ? 🙏",
            "Toujours le même souci {time}.", "Ok, le prélèvement était de {amount}, via {payment}.",
            "Parfait, vous pouvez fermer le ticket 🔥", "Je n'ai plus accès à cet e-mail, je fais comment ?",
        ])

    static let genericAgentReplies = Texts(
        en: [
            "Thanks for reaching out! Could you give us a bit more detail?",
            "Sorry for the wait, we're looking into it now.", "Could you confirm which platform you're playing on?",
            "I'll keep this ticket open until you confirm it's fixed.",
            "Just checking in: is the problem still happening on your side?",
        ],
        fr: [
            "Merci de nous avoir contactés ! Pouvez-vous nous donner un peu plus de détails ?",
            "Désolé pour l'attente, on regarde ça maintenant.",
            "Pouvez-vous confirmer sur quelle plateforme vous jouez ?",
            "Je laisse le ticket ouvert jusqu'à ce que vous confirmiez que c'est réglé.",
            "Petit suivi : le problème est-il toujours présent de votre côté ?",
        ])
    static let agentReplies: [Category: Texts] = [
        .general: Texts(
            en: [
                "You can find the full schedule in #events, it's pinned at the top.",
                "The {role} role is given automatically after 30 days of activity on the server.",
                "{product} is not planned on {platform} for now, but we'll announce it in #news if that changes.",
            ],
            fr: [
                "Le planning complet est dans #events, épinglé en haut.",
                "Le rôle {role} est attribué automatiquement après 30 jours d'activité sur le serveur.",
                "{product} n'est pas prévu sur {platform} pour l'instant, on l'annoncera dans #news si ça change.",
            ]),
        .billing: Texts(
            en: [
                "Could you send me the last 4 digits of the card and the date of the charge?",
                "I can see the duplicate payment of {amount}; a refund has been issued, allow 5-10 business days.",
                "Your {plan} perks have been activated manually, please restart {product} to see them.",
                "Refunds are possible within 14 days if the item hasn't been used; I've forwarded your request.",
            ],
            fr: [
                "Pouvez-vous m'envoyer les 4 derniers chiffres de la carte et la date du prélèvement ?",
                "Je vois bien le double paiement de {amount} ; le remboursement est lancé, comptez 5 à 10 jours ouvrés.",
                "Vos avantages {plan} ont été activés manuellement, relancez {product} pour les voir.",
                "Le remboursement est possible sous 14 jours si l'objet n'a pas été utilisé ; j'ai transmis votre demande.",
            ]),
        .technical: Texts(
            en: [
                "Could you verify the game files from the launcher settings, then restart?",
                "Error {code} usually comes from an outdated driver: please update your GPU drivers and try again.",
                "Can you send us the log file? Settings > Help > Open logs.",
                "We're aware of connection issues on {server}; the team is on it, follow #status for updates.",
                "Please try disabling your VPN or overlays, they often conflict with {product}.",
            ],
            fr: [
                "Pouvez-vous vérifier les fichiers du jeu depuis les paramètres du launcher, puis redémarrer ?",
                "L'erreur {code} vient souvent d'un pilote obsolète : mettez à jour vos pilotes graphiques et réessayez.",
                "Pouvez-vous nous envoyer le fichier de logs ? Paramètres > Aide > Ouvrir les logs.",
                "On est au courant des soucis de connexion sur {server} ; l'équipe est dessus, suivez #status.",
                "Essayez de désactiver votre VPN ou les overlays, ils entrent souvent en conflit avec {product}.",
            ]),
        .bugReport: Texts(
            en: [
                "Thanks for the detailed report! I've reproduced it and passed it to the dev team.",
                "This is a known issue and a fix is planned for {version}.",
                "Could you tell us the exact steps so we can reproduce it on our side?",
                "Can you attach a short video or screenshot of the glitch? It really helps the devs.",
            ],
            fr: [
                "Merci pour ce rapport détaillé ! Je l'ai reproduit et transmis à l'équipe de dev.",
                "C'est un problème connu, un correctif est prévu pour la {version}.",
                "Pouvez-vous nous donner les étapes exactes pour qu'on le reproduise de notre côté ?",
                "Pouvez-vous joindre une courte vidéo ou une capture du bug ? Ça aide beaucoup les devs.",
            ]),
        .account: Texts(
            en: [
                "For security reasons, please confirm your email address and the date of your first purchase.",
                "I've sent a new password reset link; please check your spam folder too.",
                "Your 2FA has been reset; you can set it up again from your account settings.",
                "Your account is secured and your original email restored. Please change your password right away.",
            ],
            fr: [
                "Pour des raisons de sécurité, confirmez votre adresse e-mail et la date de votre premier achat.",
                "Je vous ai renvoyé un lien de réinitialisation ; pensez à vérifier les spams.",
                "Votre 2FA a été réinitialisée, vous pouvez la reconfigurer depuis les paramètres du compte.",
                "Votre compte est sécurisé et l'e-mail d'origine restauré. Changez votre mot de passe tout de suite.",
            ]),
        .suggestion: Texts(
            en: [
                "Great idea! I've added it to our suggestions board for the next team meeting.",
                "Thanks! Something similar is already on the roadmap, stay tuned in #news 🔥",
                "We've discussed this before; it's not planned for now, but I'll pass on your feedback.",
            ],
            fr: [
                "Super idée ! Je l'ajoute au tableau des suggestions pour la prochaine réunion.",
                "Merci ! Quelque chose de similaire est déjà prévu, restez à l'écoute dans #news 🔥",
                "On en a déjà discuté, ce n'est pas prévu pour l'instant, mais je transmets votre retour.",
            ]),
    ]

    static let genericNotes = Texts(
        en: [
            "Escalating to @{agent}, who knows this area better.", "User is a bit upset, let's be quick.",
            "Waiting on the user for logs; will follow up tomorrow.", "Same user opened {n} tickets this week.",
        ],
        fr: [
            "Je passe la main à @{agent}, c'est son domaine.", "Utilisateur un peu agacé, soyons rapides.",
            "En attente des logs de l'utilisateur, je relance demain.",
            "Même utilisateur, {n} tickets cette semaine.",
        ])
    static let notes: [Category: Texts] = [
        .general: Texts(
            en: [
                "FAQ entry is outdated, someone should update the #faq pin.",
                "User asked the same thing in #general, already answered there.",
            ],
            fr: [
                "L'entrée FAQ est obsolète, il faudrait mettre à jour l'épingle de #faq.",
                "Question déjà posée dans #general, réponse donnée là-bas.",
            ]),
        .billing: Texts(
            en: [
                "Checked Stripe: payment of {amount} captured twice, refund pending.",
                "Order {order} shows as paid in the dashboard but perks not granted; manual grant done.",
                "Chargeback risk, let's refund quickly.", "Needs approval from finance for refunds over 50 €.",
            ],
            fr: [
                "Vérifié sur Stripe : paiement de {amount} capturé deux fois, remboursement en cours.",
                "Commande {order} payée côté dashboard mais avantages non attribués, ajout manuel fait.",
                "Risque de rétrofacturation, remboursons vite.",
                "Validation compta nécessaire pour les remboursements au-delà de 50 €.",
            ]),
        .technical: Texts(
            en: [
                "Same {code} as three other tickets today, probably the CDN again.",
                "Logs show a driver crash, not on our side.",
                "{server} had packet loss between 20:00 and 21:00, matches the report.",
            ],
            fr: [
                "Même {code} que trois autres tickets aujourd'hui, sûrement encore le CDN.",
                "Les logs montrent un crash du pilote, pas de notre côté.",
                "{server} a eu de la perte de paquets entre 20h et 21h, ça colle.",
            ]),
        .bugReport: Texts(
            en: [
                "Duplicate of a known bug, linked to {jira}.",
                "Reproduced on {platform} with {version}, filed as {jira}.", "Devs say the fix ships with {version}.",
            ],
            fr: [
                "Doublon d'un bug connu, lié à {jira}.", "Reproduit sur {platform} en {version}, créé {jira}.",
                "Les devs disent que le fix part avec la {version}.",
            ]),
        .account: Texts(
            en: [
                "Identity verified via purchase receipt, OK to reset 2FA.",
                "Logins from a new country just before the email change: looks like a real takeover.",
                "Username change request: check it's not impersonating a mod.",
            ],
            fr: [
                "Identité vérifiée via le reçu d'achat, OK pour reset la 2FA.",
                "Connexions depuis un nouveau pays juste avant le changement d'e-mail : vrai piratage.",
                "Changement de pseudo : vérifier qu'il n'usurpe pas un modo.",
            ]),
        .suggestion: Texts(
            en: [
                "Added to the suggestions board, {n} similar requests this month.",
                "Already on the roadmap for Q3, don't promise a date.",
            ],
            fr: [
                "Ajouté au tableau des suggestions, {n} demandes similaires ce mois-ci.",
                "Déjà sur la roadmap du T3, ne pas promettre de date.",
            ]),
    ]

    // MARK: - Closing

    static let genericResolutions = Texts(
        en: ["No reply from the user, closing", "Resolved"],
        fr: ["Sans réponse de l'utilisateur, clôturé", "Résolu"])
    static let resolutions: [Category: Texts] = [
        .general: Texts(
            en: ["Answered the question", "Pointed to the FAQ", "Gave the event schedule"],
            fr: ["Question répondue", "Redirigé vers la FAQ", "Infos données sur le planning des events"]),
        .billing: Texts(
            en: ["Refund issued", "Duplicate charge refunded", "Perks activated manually", "Invoice sent"],
            fr: [
                "Remboursement effectué", "Double prélèvement remboursé", "Avantages activés manuellement",
                "Facture envoyée",
            ]),
        .technical: Texts(
            en: [
                "Fixed by updating GPU drivers", "Game files verified, issue gone", "Server issue resolved",
                "Fixed by disabling the overlay",
            ],
            fr: [
                "Réglé en mettant à jour les pilotes", "Fichiers vérifiés, problème résolu", "Incident serveur résolu",
                "Réglé en désactivant l'overlay",
            ]),
        .bugReport: Texts(
            en: ["Fixed in {version}", "Logged as {jira}", "Known issue, fix scheduled"],
            fr: ["Corrigé dans la {version}", "Remonté en {jira}", "Bug connu, correctif planifié"]),
        .account: Texts(
            en: [
                "Password reset", "2FA reset after identity check", "Account recovered and secured",
                "Username changed",
            ],
            fr: [
                "Réinitialisé le mot de passe", "2FA réinitialisée après vérification", "Compte récupéré et sécurisé",
                "Pseudo modifié",
            ]),
        .suggestion: Texts(
            en: ["Added to the suggestions board", "Already on the roadmap", "Declined for now, thanks for the idea"],
            fr: [
                "Ajoutée au tableau des suggestions", "Déjà sur la roadmap",
                "Refusée pour l'instant, merci pour l'idée",
            ]),
    ]

    static let negativeComments = Texts(
        en: [
            "Took way too long to get an answer.", "Problem still not fixed.",
            "The agent didn't really read my message.", "Copy-paste answer, not helpful.",
            "Disappointed, I expected better.",
        ],
        fr: [
            "Beaucoup trop long pour avoir une réponse.", "Le problème n'est toujours pas réglé.",
            "L'agent n'a pas vraiment lu mon message.", "Réponse copier-coller, pas utile.",
            "Déçu, je m'attendais à mieux.",
        ])
    static let neutralComments = Texts(
        en: [
            "Fixed in the end, but it took a while.", "OK, nothing special.",
            "Answer was fine but I had to ask twice.",
        ],
        fr: [
            "Réglé au final, mais c'était long.", "Correct, sans plus.",
            "Réponse correcte mais j'ai dû demander deux fois.",
        ])
    static let positiveComments = Texts(
        en: [
            "Super fast, thanks! 🔥", "Very helpful and friendly, thank you 🙏", "Problem solved in minutes ✅",
            "Great support as always!", "Clear explanation, thanks a lot.",
        ],
        fr: [
            "Super rapide, merci ! 🔥", "Très sympa et efficace, merci 🙏", "Problème réglé en quelques minutes ✅",
            "Support au top comme toujours !", "Explication claire, merci beaucoup.",
        ])

    static let tagPool: [Category: [String]] = [
        .general: ["faq", "events", "roles", "info", "discord", "community"],
        .billing: ["refund", "double-charge", "subscription", "invoice", "paypal", "chargeback", "gift-code"],
        .technical: [
            "crash", "connection", "performance", "install", "android", "ios", "windows", "macos", "linux",
            "steam-deck", "drivers",
        ],
        .bugReport: ["crash", "ui", "leaderboard", "translation", "regression", "repro-ok", "needs-repro"],
        .account: ["2fa", "password", "hacked", "username", "gdpr", "login", "ban-appeal"],
        .suggestion: ["feature-request", "roadmap", "ux", "community", "bot"],
    ]
}
