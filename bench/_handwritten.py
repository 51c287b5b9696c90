"""A hand-written ``to_dict`` for the credits models: the reference a careful person would write.

Plain functions over the generated dataclasses, one per model, in the style people write by hand:
required fields in a dict literal, one ``if ... is not None`` per optional field, enums through
``.value``. Unlike the generated code they do not keep unknown fields, do not tolerate enum values
the spec does not list and have no ``request`` (``readOnly``) flag: this is the floor for pure
Python, not an equivalent. Written once from the models' field lists (the wire names are the
spec's); not generated at run time.
"""

from __future__ import annotations

from typing import Any

from tams_credits import models


def adetailer_arg(x: models.AdetailerArg) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.ad_model is not None:
        out["adModel"] = x.ad_model
    if x.ad_prompt is not None:
        out["adPrompt"] = [prompt(v) for v in x.ad_prompt]
    if x.ad_negative_prompt is not None:
        out["adNegativePrompt"] = [prompt(v) for v in x.ad_negative_prompt]
    if x.ad_confidence is not None:
        out["adConfidence"] = x.ad_confidence
    if x.ad_dilate_erode is not None:
        out["adDilateErode"] = x.ad_dilate_erode
    if x.ad_mask_merge_invert is not None:
        out["adMaskMergeInvert"] = x.ad_mask_merge_invert
    if x.ad_denoising_strength is not None:
        out["adDenoisingStrength"] = x.ad_denoising_strength
    if x.ad_inpaint_only_masked is not None:
        out["adInpaintOnlyMasked"] = x.ad_inpaint_only_masked
    if x.ad_inpaint_only_masked_padding is not None:
        out["adInpaintOnlyMaskedPadding"] = x.ad_inpaint_only_masked_padding
    if x.ad_use_inpaint_width_height is not None:
        out["adUseInpaintWidthHeight"] = x.ad_use_inpaint_width_height
    if x.ad_inpaint_width is not None:
        out["adInpaintWidth"] = x.ad_inpaint_width
    if x.ad_inpaint_height is not None:
        out["adInpaintHeight"] = x.ad_inpaint_height
    if x.ad_use_steps is not None:
        out["adUseSteps"] = x.ad_use_steps
    if x.ad_steps is not None:
        out["adSteps"] = x.ad_steps
    if x.ad_use_cfg_scale is not None:
        out["adUseCfgScale"] = x.ad_use_cfg_scale
    if x.ad_cfg_scale is not None:
        out["adCfgScale"] = x.ad_cfg_scale
    if x.lora is not None:
        out["lora"] = lora(x.lora)
    if x.ad_use_checkpoint is not None:
        out["adUseCheckpoint"] = x.ad_use_checkpoint
    if x.ad_checkpoint is not None:
        out["adCheckpoint"] = x.ad_checkpoint
    if x.ad_use_sampler is not None:
        out["adUseSampler"] = x.ad_use_sampler
    if x.ad_use_noise_multiplier is not None:
        out["adUseNoiseMultiplier"] = x.ad_use_noise_multiplier
    if x.ad_noise_multiplier is not None:
        out["adNoiseMultiplier"] = x.ad_noise_multiplier
    if x.ad_use_clip_skip is not None:
        out["adUseClipSkip"] = x.ad_use_clip_skip
    if x.ad_clip_skip is not None:
        out["adClipSkip"] = x.ad_clip_skip
    if x.ad_sampler is not None:
        out["adSampler"] = x.ad_sampler
    return out


def animate_diff(x: models.AnimateDiff) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.args is not None:
        out["args"] = [animate_diff_arg(v) for v in x.args]
    return out


def animate_diff_arg(x: models.AnimateDiffArg) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.video_length is not None:
        out["videoLength"] = x.video_length
    if x.fps is not None:
        out["fps"] = x.fps
    if x.motion_lora is not None:
        out["motionLora"] = lora(x.motion_lora)
    return out


def controlnet(x: models.Controlnet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.args is not None:
        out["args"] = [controlnet_args(v) for v in x.args]
    return out


def controlnet_args(x: models.ControlnetArgs) -> dict[str, Any]:
    out: dict[str, Any] = {"preprocessor": x.preprocessor, "model": x.model}
    if x.input_image_resource_id is not None:
        out["inputImageResourceId"] = x.input_image_resource_id
    if x.mask_resource_id is not None:
        out["maskResourceId"] = x.mask_resource_id
    if x.weight is not None:
        out["weight"] = x.weight
    if x.resize_mode is not None:
        out["resizeMode"] = x.resize_mode.value
    if x.guidance is not None:
        out["guidance"] = x.guidance
    if x.guidance_start is not None:
        out["guidanceStart"] = x.guidance_start
    if x.guidance_end is not None:
        out["guidanceEnd"] = x.guidance_end
    if x.control_mode is not None:
        out["controlMode"] = x.control_mode.value
    if x.pixel_perfect is not None:
        out["pixelPerfect"] = x.pixel_perfect
    if x.preprocessor_params is not None:
        out["preprocessorParams"] = x.preprocessor_params
    return out


def credits_request(x: models.CreditsRequest) -> dict[str, Any]:
    out: dict[str, Any] = {"stages": [stage(v) for v in x.stages]}
    return out


def credits_response(x: models.CreditsResponse) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.credits is not None:
        out["credits"] = x.credits
    return out


def diffusion_input(x: models.DiffusionInput) -> dict[str, Any]:
    out: dict[str, Any] = {
        "width": x.width,
        "height": x.height,
        "prompts": [prompt(v) for v in x.prompts],
    }
    if x.negative_prompts is not None:
        out["negativePrompts"] = [prompt(v) for v in x.negative_prompts]
    if x.sd_model is not None:
        out["sdModel"] = x.sd_model
    if x.sd_vae is not None:
        out["sdVae"] = x.sd_vae
    if x.sampler is not None:
        out["sampler"] = x.sampler
    if x.steps is not None:
        out["steps"] = x.steps
    if x.cfg_scale is not None:
        out["cfgScale"] = x.cfg_scale
    if x.clip_skip is not None:
        out["clipSkip"] = x.clip_skip
    if x.denoising_strength is not None:
        out["denoisingStrength"] = x.denoising_strength
    if x.eta_noise_seed_delta is not None:
        out["etaNoiseSeedDelta"] = x.eta_noise_seed_delta
    if x.controlnet is not None:
        out["controlnet"] = controlnet(x.controlnet)
    if x.lora is not None:
        out["lora"] = lora(x.lora)
    if x.animate_diff is not None:
        out["animateDiff"] = animate_diff(x.animate_diff)
    if x.embedding is not None:
        out["embedding"] = embedding(x.embedding)
    if x.v1_clip is not None:
        out["v1Clip"] = x.v1_clip
    if x.model_access_key is not None:
        out["modelAccessKey"] = x.model_access_key
    if x.schedule_name is not None:
        out["scheduleName"] = x.schedule_name
    if x.enable_ella is not None:
        out["enableElla"] = x.enable_ella
    if x.enable_pix2pix is not None:
        out["enablePix2pix"] = x.enable_pix2pix
    if x.use_hunyuan_dit is not None:
        out["useHunyuanDit"] = x.use_hunyuan_dit
    if x.layer_diffusion is not None:
        out["layerDiffusion"] = layer_diffusion(x.layer_diffusion)
    if x.clip_encoder_name is not None:
        out["clipEncoderName"] = x.clip_encoder_name
    return out


def embedding(x: models.Embedding) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.items is not None:
        out["items"] = [embedding_item(v) for v in x.items]
    return out


def embedding_item(x: models.EmbeddingItem) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.model is not None:
        out["model"] = x.model
    if x.weight is not None:
        out["weight"] = x.weight
    if x.embedding_access_key is not None:
        out["embeddingAccessKey"] = x.embedding_access_key
    return out


def image_to_adetailer_input(x: models.ImageToAdetailerInput) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.args is not None:
        out["args"] = [adetailer_arg(v) for v in x.args]
    if x.diffusion is not None:
        out["diffusion"] = diffusion_input(x.diffusion)
    return out


def image_to_inpaint_input(x: models.ImageToInpaintInput) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.resize_mode is not None:
        out["resizeMode"] = x.resize_mode.value
    if x.mask_image_resource_id is not None:
        out["maskImageResourceId"] = x.mask_image_resource_id
    if x.mask_blur is not None:
        out["maskBlur"] = x.mask_blur
    if x.inpainting_fill is not None:
        out["inpaintingFill"] = x.inpainting_fill.value
    if x.inpaint_full_res is not None:
        out["inpaintFullRes"] = x.inpaint_full_res
    if x.inpaint_full_res_padding is not None:
        out["inpaintFullResPadding"] = x.inpaint_full_res_padding
    if x.inpaint_mask_invert is not None:
        out["inpaintMaskInvert"] = x.inpaint_mask_invert
    if x.diffusion is not None:
        out["diffusion"] = diffusion_input(x.diffusion)
    return out


def image_to_upscaler_input(x: models.ImageToUpscalerInput) -> dict[str, Any]:
    out: dict[str, Any] = {
        "hrUpscaler": x.hr_upscaler,
        "hrSecondPassSteps": x.hr_second_pass_steps,
        "denoisingStrength": x.denoising_strength,
    }
    if x.hr_resize_x is not None:
        out["hrResizeX"] = x.hr_resize_x
    if x.hr_resize_y is not None:
        out["hrResizeY"] = x.hr_resize_y
    if x.hr_scale is not None:
        out["hrScale"] = x.hr_scale
    if x.diffusion is not None:
        out["diffusion"] = diffusion_input(x.diffusion)
    return out


def input_initialize_input(x: models.InputInitializeInput) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.seed is not None:
        out["seed"] = x.seed
    if x.image_resource_id is not None:
        out["imageResourceId"] = x.image_resource_id
    if x.count is not None:
        out["count"] = x.count
    return out


def layer_diffusion(x: models.LayerDiffusion) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.enable is not None:
        out["enable"] = x.enable
    if x.weight is not None:
        out["weight"] = x.weight
    return out


def lora(x: models.Lora) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.items is not None:
        out["items"] = [lora_item(v) for v in x.items]
    return out


def lora_item(x: models.LoraItem) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.lora_model is not None:
        out["loraModel"] = x.lora_model
    if x.weight is not None:
        out["weight"] = x.weight
    if x.block_weight is not None:
        out["blockWeight"] = x.block_weight
    if x.lora_access_key is not None:
        out["loraAccessKey"] = x.lora_access_key
    return out


def prompt(x: models.Prompt) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.text is not None:
        out["text"] = x.text
    if x.weight is not None:
        out["weight"] = x.weight
    return out


def protobuf_any(x: models.ProtobufAny) -> dict[str, Any]:
    out: dict[str, Any] = {}
    return out


def stage(x: models.Stage) -> dict[str, Any]:
    out: dict[str, Any] = {"type": x.type_.value}
    if x.input_initialize is not None:
        out["inputInitialize"] = input_initialize_input(x.input_initialize)
    if x.diffusion is not None:
        out["diffusion"] = diffusion_input(x.diffusion)
    if x.image_to_upscaler is not None:
        out["imageToUpscaler"] = image_to_upscaler_input(x.image_to_upscaler)
    if x.image_to_adetailer is not None:
        out["imageToAdetailer"] = image_to_adetailer_input(x.image_to_adetailer)
    if x.image_to_inpaint is not None:
        out["imageToInpaint"] = image_to_inpaint_input(x.image_to_inpaint)
    if x.video_diffusion is not None:
        out["videoDiffusion"] = video_diffusion_input(x.video_diffusion)
    return out


def status(x: models.Status) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.code is not None:
        out["code"] = x.code
    if x.message is not None:
        out["message"] = x.message
    if x.details is not None:
        out["details"] = [protobuf_any(v) for v in x.details]
    return out


def video_controlnet(x: models.VideoControlnet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.args is not None:
        out["args"] = [video_controlnet_args(v) for v in x.args]
    return out


def video_controlnet_args(x: models.VideoControlnetArgs) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.input_video_resource_id is not None:
        out["inputVideoResourceId"] = x.input_video_resource_id
    if x.preprocessor is not None:
        out["preprocessor"] = x.preprocessor
    return out


def video_diffusion_input(x: models.VideoDiffusionInput) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.sd_model is not None:
        out["sdModel"] = x.sd_model
    if x.lora is not None:
        out["lora"] = lora(x.lora)
    if x.generation_mode is not None:
        out["generationMode"] = x.generation_mode
    if x.width is not None:
        out["width"] = x.width
    if x.height is not None:
        out["height"] = x.height
    if x.fps is not None:
        out["fps"] = x.fps
    if x.total_frames is not None:
        out["totalFrames"] = x.total_frames
    if x.prompts is not None:
        out["prompts"] = [prompt(v) for v in x.prompts]
    if x.negative_prompts is not None:
        out["negativePrompts"] = [prompt(v) for v in x.negative_prompts]
    if x.model_access_key is not None:
        out["modelAccessKey"] = x.model_access_key
    if x.controlnet is not None:
        out["controlnet"] = video_controlnet(x.controlnet)
    if x.inp is not None:
        out["inp"] = video_inp(x.inp)
    return out


def video_inp(x: models.VideoInp) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.args is not None:
        out["args"] = [video_inp_args(v) for v in x.args]
    return out


def video_inp_args(x: models.VideoInpArgs) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if x.start_image_resource_id is not None:
        out["startImageResourceId"] = x.start_image_resource_id
    if x.end_image_resource_id is not None:
        out["endImageResourceId"] = x.end_image_resource_id
    return out
